"""Every setting the project reads, declared once (name, default, help) and read here only.

Entry points call :func:`load_settings` once and pass the values down; no other module reads
``os.environ``. The ETL sits at the bottom of the dependency graph, so the declarations live here
where the ETL Lambda, the CLI and the Slack bot can all reach them.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from etl.errors import SettingError


@dataclass(frozen=True)
class Setting:
    """One environment setting: its variable name, default (as text) and help."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "WORKOUTS_DATABASE_URL",
        "",
        "SQLAlchemy URL of the store. Empty: an SQLite file in the user's data directory. "
        "mysql+pymysql://user:password@host/db for MySQL, MariaDB or AWS RDS.",
    ),
    Setting(
        "WORKOUTS_DATA_DIR",
        "",
        "Folder for the default SQLite file. Empty: the platform's user data directory.",
    ),
    Setting("WORKOUTS_USER", "", "Local user name the CLI acts for. Empty: your login name."),
    Setting("WORKOUTS_MAX_UPLOAD_MB", "50", "Largest export file accepted, in megabytes."),
    Setting(
        "WORKOUTS_MAX_ARCHIVE_MB",
        "2048",
        "Largest file fetched from Slack, in megabytes: a ZIP or an Apple Health export is read "
        "from the disk as a stream, each file inside it within WORKOUTS_MAX_UPLOAD_MB.",
    ),
    Setting(
        "WORKOUTS_MAX_INFLATED_MB",
        "16384",
        "Largest total a ZIP or gzip may unpack to, in megabytes, counted as it streams.",
    ),
    Setting(
        "WORKOUTS_MAX_SECONDS",
        "300",
        "Longest time one file may take to read, in seconds (each file of an archive alone).",
    ),
    Setting("WORKOUTS_UNITS", "mi", "Default units for answers, mi or km (each user can change)."),
    Setting("WORKOUTS_OUT_DIR", "out", "Folder where the terminal writes charts and attachments."),
    Setting(
        "WORKOUTS_TODAY",
        "",
        "Pin today's date (YYYY-MM-DD) for answers, for reproducible demos. Empty: the real date.",
    ),
    Setting("WORKOUTS_DEBUG", "0", "1 shows tracebacks of unexpected errors (for developers)."),
    Setting("SLACK_BOT_TOKEN", "", "Bot token (xoxb-...). Set it to run the Slack bot."),
    Setting(
        "SLACK_APP_TOKEN", "", "App-level token (xapp-...): Socket Mode, no public URL needed."
    ),
    Setting("SLACK_SIGNING_SECRET", "", "Signing secret: verifies HTTP requests from Slack."),
    Setting("SLACK_API_URL", "https://slack.com/api/", "Slack Web API base URL (an emulator's)."),
    Setting(
        "WORKOUTS_DATABASE_SECRET_ARN",
        "",
        "AWS: Secrets Manager secret with the database URL (JSON url, or username/password/host).",
    ),
    Setting("WORKOUTS_SNS_TOPIC_ARN", "", "AWS: topic that hears about every import."),
    Setting(
        "WORKOUTS_SLACK_SECRET_ARN",
        "",
        "AWS: Secrets Manager secret with bot_token and signing_secret.",
    ),
    Setting("WORKOUTS_REFUSED_PREFIX", "refused/", "AWS: where refused uploads are copied."),
    Setting(
        "WORKOUTS_TZ", "", "Time zone for briefing schedules (IANA). Empty: each Slack user's."
    ),
    Setting(
        "WORKOUTS_SLACK_ADMINS",
        "",
        "Slack user ids allowed workspace-wide commands, comma separated.",
    ),
    Setting(
        "WORKOUTS_LLM_URL",
        "",
        "OpenAI-compatible endpoint of a language model you run (Ollama: "
        "http://127.0.0.1:11434/v1), asked to read a question the grammar cannot; it gets the "
        "question and today's date only. Empty: off.",
    ),
    Setting("WORKOUTS_LLM_MODEL", "llama3.2", "Model name sent to WORKOUTS_LLM_URL."),
    Setting(
        "WORKOUTS_LLM_KEY",
        "",
        "Bearer token for a model server that wants one (a secret: never logged). Empty: none.",
    ),
)


@dataclass(frozen=True)
class SlackSettings:
    """How to reach Slack. Tokens are secrets: never logged, never in replies (see __repr__)."""

    bot_token: str
    app_token: str
    signing_secret: str
    api_url: str
    admins: frozenset[str]

    @property
    def configured(self) -> bool:
        """Whether a bot can run: a bot token and either Socket Mode or a signing secret."""
        return bool(self.bot_token and (self.app_token or self.signing_secret))

    def __repr__(self) -> str:
        return f"SlackSettings(api_url={self.api_url!r}, configured={self.configured})"


@dataclass(frozen=True)
class AwsSettings:
    """The cloud path's resources (boto3 finds credentials, region and AWS_ENDPOINT_URL itself)."""

    database_secret_arn: str
    sns_topic_arn: str
    refused_prefix: str
    slack_secret_arn: str = ""


@dataclass(frozen=True)
class LlmSettings:
    """The owner's local language model, if any. The key is a secret: never logged (__repr__)."""

    url: str = ""
    model: str = "llama3.2"
    key: str = ""

    @property
    def enabled(self) -> bool:
        """Whether a model is configured (empty URL: off, nothing is ever sent)."""
        return bool(self.url)

    def __repr__(self) -> str:
        # Credentials written into the URL (user:password@host) are hidden like the key.
        parts = urlsplit(self.url)
        url = self.url
        if "@" in parts.netloc:
            netloc = "***@" + parts.netloc.rsplit("@", 1)[1]
            url = urlunsplit(parts._replace(netloc=netloc))
        key = "set" if self.key else "unset"
        return f"LlmSettings(url={url!r}, model={self.model!r}, key={key})"


@dataclass(frozen=True)
class Settings:
    """The values of :data:`SETTINGS`, typed."""

    database_url: str
    data_dir: Path
    user: str
    max_upload_bytes: int
    max_archive_bytes: int
    max_inflated_bytes: int
    max_seconds: float
    debug: bool
    units: str
    out_dir: Path
    today: date | None
    tz: str
    slack: SlackSettings
    aws: AwsSettings
    llm: LlmSettings = field(default_factory=LlmSettings)

    def __repr__(self) -> str:
        # The database URL may carry a password: settings are never printed with it.
        from sqlalchemy.engine import make_url

        try:
            url = make_url(self.database_url).render_as_string(hide_password=True)
        except Exception:
            url = "<unparseable URL>"
        return f"Settings(database_url={url!r}, user={self.user!r}, slack={self.slack!r})"


def describe() -> str:
    """Help text listing every setting with its default."""
    return "\n".join(f"{s.name} (default {s.default or 'empty'}): {s.help}" for s in SETTINGS)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read every setting from ``environ`` (default: the process environment) once."""
    env = os.environ if environ is None else environ
    raw = {s.name: env.get(s.name, "").strip() or s.default for s in SETTINGS}
    data_dir = Path(raw["WORKOUTS_DATA_DIR"]) if raw["WORKOUTS_DATA_DIR"] else _user_data_dir()
    return Settings(
        database_url=raw["WORKOUTS_DATABASE_URL"] or default_sqlite_url(data_dir),
        data_dir=data_dir,
        user=raw["WORKOUTS_USER"] or _login_name(),
        max_upload_bytes=_megabytes(raw, "WORKOUTS_MAX_UPLOAD_MB"),
        max_archive_bytes=_megabytes(raw, "WORKOUTS_MAX_ARCHIVE_MB"),
        max_inflated_bytes=_megabytes(raw, "WORKOUTS_MAX_INFLATED_MB"),
        max_seconds=_positive(raw, "WORKOUTS_MAX_SECONDS"),
        debug=raw["WORKOUTS_DEBUG"].lower() in {"1", "true", "yes", "on"},
        units=_units(raw["WORKOUTS_UNITS"]),
        out_dir=Path(raw["WORKOUTS_OUT_DIR"]),
        today=_day(raw["WORKOUTS_TODAY"]),
        tz=raw["WORKOUTS_TZ"],
        aws=AwsSettings(
            database_secret_arn=raw["WORKOUTS_DATABASE_SECRET_ARN"],
            sns_topic_arn=raw["WORKOUTS_SNS_TOPIC_ARN"],
            refused_prefix=raw["WORKOUTS_REFUSED_PREFIX"],
            slack_secret_arn=raw["WORKOUTS_SLACK_SECRET_ARN"],
        ),
        slack=SlackSettings(
            bot_token=raw["SLACK_BOT_TOKEN"],
            app_token=raw["SLACK_APP_TOKEN"],
            signing_secret=raw["SLACK_SIGNING_SECRET"],
            api_url=raw["SLACK_API_URL"].rstrip("/") + "/",
            admins=frozenset(
                u.strip() for u in raw["WORKOUTS_SLACK_ADMINS"].split(",") if u.strip()
            ),
        ),
        llm=LlmSettings(
            url=raw["WORKOUTS_LLM_URL"],
            model=raw["WORKOUTS_LLM_MODEL"],
            key=raw["WORKOUTS_LLM_KEY"],
        ),
    )


def default_sqlite_url(data_dir: Path) -> str:
    """The embedded store: one SQLite file, needing no server."""
    return f"sqlite:///{data_dir / 'workouts.db'}"


def _megabytes(raw: Mapping[str, str], name: str) -> int:
    text = raw[name]
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    # nan and inf parse as floats but are no size; both read as "not a number" to a person.
    if not math.isfinite(value):
        raise SettingError(
            f"{name} must be a number of megabytes, like {_default(name)}, not {text!r}: "
            "set it to a number or unset it for the default"
        )
    if value <= 0:
        raise SettingError(
            f"{name} must be greater than 0 (it is {text!r}): set a size in megabytes, like "
            f"{_default(name)}, or unset it for the default"
        )
    return int(value * 1024 * 1024)


def _positive(raw: Mapping[str, str], name: str) -> float:
    text = raw[name]
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise SettingError(
            f"{name} must be a number greater than 0, like {_default(name)}, not {text!r}: "
            "set it to a number or unset it for the default"
        )
    return value


def _default(name: str) -> str:
    return next(s.default for s in SETTINGS if s.name == name)


def _day(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SettingError(f"WORKOUTS_TODAY must be a date like 2025-12-20, not {text!r}") from None


def _units(text: str) -> str:
    if text.lower() not in {"mi", "km"}:
        raise SettingError(f"WORKOUTS_UNITS must be mi or km, not {text!r}")
    return text.lower()


def _user_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("workouts", appauthor=False))


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"
