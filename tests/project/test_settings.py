"""Production settings, checked in a fresh process as a deployment would start them."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base_env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "DJANGO_SETTINGS_MODULE": "buurtplein.settings.production",
    }
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "buurtplein.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }


def test_production_passes_check_deploy(production_env):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_required_variable(production_env, missing):
    del production_env[missing]
    result = run_manage("check", env=production_env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_uses_redis_cache_and_secure_cookies(production_env):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.DEBUG, s.LANGUAGE_CODE, s.TIME_ZONE)",
        env=production_env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django_redis.cache.RedisCache",
        "True",
        "True",
        "False",
        "nl",
        "Europe/Amsterdam",
    ]


@pytest.mark.parametrize(
    "weak_key",
    [
        "changeme",
        "a" * 60,
        "django-insecure-" + "0123456789abcdefghij" * 3,
    ],
    ids=["too-short", "too-few-different-characters", "django-development-key"],
)
def test_production_refuses_a_weak_secret_key(production_env, weak_key):
    production_env["SECRET_KEY"] = weak_key
    result = run_manage("check", env=production_env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is te zwak" in result.stderr
