from pathlib import Path

import pytest

from etl.errors import SettingError
from etl.settings import SETTINGS, describe, load_settings


def test_defaults_give_an_sqlite_file_in_the_data_dir(tmp_path):
    settings = load_settings({"WORKOUTS_DATA_DIR": str(tmp_path), "WORKOUTS_USER": "ann"})
    assert settings.database_url == f"sqlite:///{tmp_path / 'workouts.db'}"
    assert settings.user == "ann"
    assert settings.max_upload_bytes == 50 * 1024 * 1024
    assert settings.debug is False


def test_without_a_data_dir_the_platform_user_data_dir_is_used():
    settings = load_settings({})
    assert settings.data_dir.name == "workouts"
    assert settings.database_url.endswith(str(Path("workouts") / "workouts.db"))


def test_environment_values_win():
    settings = load_settings(
        {
            "WORKOUTS_DATABASE_URL": "mysql+pymysql://u@h/db",
            "WORKOUTS_MAX_UPLOAD_MB": "1.5",
            "WORKOUTS_DEBUG": "yes",
        }
    )
    assert settings.database_url == "mysql+pymysql://u@h/db"
    assert settings.max_upload_bytes == int(1.5 * 1024 * 1024)
    assert settings.debug is True


@pytest.mark.parametrize("value", ["lots", "0", "-3"])
def test_bad_upload_limit_is_refused_in_words(value):
    with pytest.raises(SettingError, match="WORKOUTS_MAX_UPLOAD_MB"):
        load_settings({"WORKOUTS_MAX_UPLOAD_MB": value})


def test_every_setting_is_described_once():
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    text = describe()
    assert all(name in text for name in names)


def test_today_can_be_pinned_for_reproducible_answers():
    from datetime import date

    assert load_settings({"WORKOUTS_TODAY": "2025-12-20"}).today == date(2025, 12, 20)
    assert load_settings({}).today is None
    with pytest.raises(SettingError, match="WORKOUTS_TODAY"):
        load_settings({"WORKOUTS_TODAY": "yesterday"})


def test_settings_never_print_their_secrets():
    settings = load_settings(
        {
            "WORKOUTS_DATABASE_URL": "mysql+pymysql://bot:hunter2@db/w",
            "SLACK_BOT_TOKEN": "xoxb-secret-token",
            "SLACK_SIGNING_SECRET": "sig-secret",
        }
    )
    text = repr(settings) + str(settings)
    assert "hunter2" not in text and "xoxb-secret-token" not in text and "sig-secret" not in text
    assert "mysql+pymysql://bot:***@db/w" in text


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("abc", "must be a number of megabytes, like 50, not 'abc'"),
        ("nan", "must be a number of megabytes, like 50, not 'nan'"),
        ("inf", "must be a number of megabytes, like 50, not 'inf'"),
        ("0", "must be greater than 0 (it is '0')"),
    ],
)
def test_bad_sizes_say_what_was_wrong_and_what_to_do(value, words):
    with pytest.raises(SettingError) as caught:
        load_settings({"WORKOUTS_MAX_UPLOAD_MB": value})
    message = str(caught.value)
    assert message.startswith("WORKOUTS_MAX_UPLOAD_MB ")
    assert words in message
    assert "unset it for the default" in message


def test_the_local_language_model_is_off_by_default():
    llm = load_settings({}).llm
    assert (llm.url, llm.model, llm.key) == ("", "llama3.2", "")
    assert llm.enabled is False


def test_the_local_language_model_is_read_from_the_environment():
    llm = load_settings(
        {
            "WORKOUTS_LLM_URL": " http://127.0.0.1:11434/v1 ",
            "WORKOUTS_LLM_MODEL": "qwen2.5:3b",
            "WORKOUTS_LLM_KEY": "sk-local",
        }
    ).llm
    assert (llm.url, llm.model, llm.key) == ("http://127.0.0.1:11434/v1", "qwen2.5:3b", "sk-local")
    assert llm.enabled is True
    assert load_settings({"WORKOUTS_LLM_MODEL": ""}).llm.model == "llama3.2"


def test_the_language_model_key_is_never_printed():
    settings = load_settings(
        {
            "WORKOUTS_LLM_URL": "http://bob:pw-in-url@127.0.0.1:8080/v1",
            "WORKOUTS_LLM_KEY": "sk-llm-secret",
        }
    )
    text = repr(settings) + str(settings) + repr(settings.llm) + str(settings.llm)
    assert "sk-llm-secret" not in text and "pw-in-url" not in text
    assert "key=set" in repr(settings.llm)
    assert "127.0.0.1:8080/v1" in repr(settings.llm)


def test_the_language_model_settings_are_described():
    text = describe()
    for name in ("WORKOUTS_LLM_URL", "WORKOUTS_LLM_MODEL", "WORKOUTS_LLM_KEY"):
        assert name in text
    assert "WORKOUTS_LLM_MODEL (default llama3.2)" in text
