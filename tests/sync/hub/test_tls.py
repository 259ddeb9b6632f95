"""Transport (issue 16 point 7): `hub serve --tls-cert/--tls-key` serves HTTPS, a till enrolls
over it, and `omnitill enroll` refuses plain http to another machine unless told --insecure.

Real processes: the hub CLI as a subprocess, a certificate made for this test by openssl,
`omnitill enroll` as a subprocess trusting that certificate (REQUESTS_CA_BUNDLE).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from pos_app.cli import main
from tests.helpers.hub import ServedHub

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")
ROOT = Path(__file__).resolve().parents[3]


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "hub.crt", folder / "hub.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
         "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    return cert, key


def omnitill(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app.cli", *argv],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip


def test_a_till_enrolls_with_a_hub_serving_https(tmp_path: Path, capsys) -> None:
    cert, key = self_signed(tmp_path)
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert main(["hub", "init", "--db", url]) == 0
    assert main(["hub", "add-store", "--db", url, "--store", "s1", "--name", "One"]) == 0
    capsys.readouterr()
    assert main(["hub", "enroll-code", "--db", url, "--store", "s1"]) == 0
    code = capsys.readouterr().out.strip()
    served = ServedHub(url, "--tls-cert", str(cert), "--tls-key", str(key), scheme="https",
                       verify=str(cert))  # fmt: skip
    try:
        assert served.health() == {"status": "ok"}
        with pytest.raises(requests.ConnectionError):  # no plain http on the TLS port
            requests.get(f"http://127.0.0.1:{served.port}/v1/health", timeout=5)
        with pytest.raises(requests.exceptions.SSLError):  # an untrusted cert is refused
            requests.get(f"{served.base_url}/v1/health", timeout=5)
        done = omnitill(
            "--data-dir", str(tmp_path / "till"), "enroll", "--hub", served.base_url,
            "--code", code, env={"REQUESTS_CA_BUNDLE": str(cert)},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "enrolled as till" in done.stdout
    finally:
        served.stop()


def test_serve_wants_both_tls_files(tmp_path: Path) -> None:
    done = omnitill("hub", "serve", "--db", f"sqlite:///{tmp_path / 'h.sqlite3'}",
                    "--tls-cert", str(tmp_path / "x.crt"))  # fmt: skip
    assert done.returncode == 2
    assert "--tls-cert and --tls-key go together" in done.stderr
    tls = ("--tls-cert", str(tmp_path / "x.crt"), "--tls-key", str(tmp_path / "x.key"))
    missing = omnitill("hub", "serve", "--db", f"sqlite:///{tmp_path / 'h.sqlite3'}", *tls)
    assert missing.returncode == 1
    assert "TLS certificate file not found" in missing.stderr


def test_enroll_refuses_plain_http_to_another_machine(tmp_path: Path) -> None:
    data = tmp_path / "till"
    done = omnitill("--data-dir", str(data), "enroll", "--hub", "http://hub.example.invalid:8600",
                    "--code", "ABCD-EFGH-JKLM")  # fmt: skip
    assert done.returncode == 1
    assert "plain http" in done.stderr
    assert "--insecure" in done.stderr
    assert not data.exists() or not any(data.iterdir())  # nothing written
    # Told --insecure, it goes ahead (and fails only because that host does not exist).
    forced = omnitill("--data-dir", str(data), "enroll", "--hub", "http://hub.example.invalid:8600",
                      "--code", "ABCD-EFGH-JKLM", "--insecure")  # fmt: skip
    assert forced.returncode == 1
    assert "plain http" not in forced.stderr
    assert "unreachable" in forced.stderr
