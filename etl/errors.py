"""Named exceptions of the ETL. Each carries a message written for the person who sent the file."""

from __future__ import annotations


class WorkoutsError(Exception):
    """Base of every error the project reports to a user in words."""


class SettingError(WorkoutsError):
    """A setting in the environment has a value the project cannot use."""


class RefusedFile(WorkoutsError):
    """The whole file was refused; nothing was stored."""

    def __init__(self, file_name: str, reason: str, hint: str = "") -> None:
        self.file_name = file_name
        self.reason = reason
        self.hint = hint
        super().__init__(f"{file_name}: {reason}" + (f" {hint}" if hint else ""))


class EmptyFile(RefusedFile):
    """The file has no bytes, or no data rows after the header."""


class NotText(RefusedFile):
    """The file is binary (an archive, a spreadsheet, an image), not a CSV."""


class NotUtf8(RefusedFile):
    """The file is text but not decodable as UTF-8."""


class FileTooLarge(RefusedFile):
    """The file is larger than the configured upload limit."""


class UnknownFormat(RefusedFile):
    """The header matches no supported export format."""


class InvalidOwner(WorkoutsError):
    """An owner name that cannot be used as an identity."""


class StorageError(WorkoutsError):
    """The database could not be reached or refused the work; nothing was changed."""
