"""The database URL on AWS: from the environment, or from a Secrets Manager secret.

The URL carries a password, so it is never logged; messages use ``safe_url``.
"""

from __future__ import annotations

import json
from functools import cache

import sqlalchemy as sa

from etl.errors import SettingError
from etl.settings import Settings


def database_url(settings: Settings) -> str:
    """WORKOUTS_DATABASE_SECRET_ARN's URL when set, else WORKOUTS_DATABASE_URL."""
    arn = settings.aws.database_secret_arn
    return _from_secret(arn) if arn else settings.database_url


@cache
def _from_secret(arn: str) -> str:
    import boto3  # the Lambda runtime provides it

    secret = boto3.client("secretsmanager").get_secret_value(SecretId=arn)["SecretString"]
    return url_from_secret(secret)


def url_from_secret(secret: str) -> str:
    """A database URL from a secret: JSON {"url": ...} or RDS's {username, password, host...}."""
    try:
        data = json.loads(secret)
    except json.JSONDecodeError:
        raise SettingError("the database secret is not JSON") from None
    if "url" in data:
        return data["url"]
    try:
        return sa.URL.create(
            "mysql+pymysql",
            username=data["username"],
            password=data["password"],
            host=data["host"],
            port=int(data.get("port", 3306)),
            database=data.get("dbname", "workouts"),
        ).render_as_string(hide_password=False)
    except KeyError as exc:
        raise SettingError(f"the database secret lacks {exc.args[0]!r}") from None
