"""Transport (issue 16 point 7): `hub serve --tls-cert/--tls-key` serves HTTPS, a till enrolls
over it, and `omnitill enroll` refuses plain http to another machine unless told --insecure.

Real processes: the hub CLI as a subprocess, a certificate made for this test by openssl,
`omnitill enroll` as a subprocess trusting that certificate (REQUESTS_CA_BUNDLE).
"""

from __future__ import annotations

import shutil
import subprocess
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


def omnitill(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The CLI in this process (exit status, stdout, stderr): the same code as a fresh
    ``omnitill`` without an interpreter start (~2-4 s each on a loaded machine). Only the hub
    itself runs as a real process (ServedHub): TLS is served by uvicorn."""
    capsys.readouterr()
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_till_enrolls_with_a_hub_serving_https(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
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
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))  # the till trusts this hub's cert
        status, out, err = omnitill(
            capsys, "--data-dir", str(tmp_path / "till"), "enroll", "--hub", served.base_url,
            "--code", code,
        )  # fmt: skip
        assert status == 0, err
        assert "enrolled as till" in out
    finally:
        served.stop()


def test_serve_wants_both_tls_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = omnitill(capsys, "hub", "serve", "--db", f"sqlite:///{tmp_path / 'h.sqlite3'}",
                              "--tls-cert", str(tmp_path / "x.crt"))  # fmt: skip
    assert status == 2
    assert "--tls-cert and --tls-key go together" in err
    tls = ("--tls-cert", str(tmp_path / "x.crt"), "--tls-key", str(tmp_path / "x.key"))
    status, _, err = omnitill(
        capsys, "hub", "serve", "--db", f"sqlite:///{tmp_path / 'h.sqlite3'}", *tls
    )
    assert status == 1
    assert "TLS certificate file not found" in err


def test_enroll_refuses_plain_http_to_another_machine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "till"
    hub = "http://hub.example.invalid:8600"
    status, _, err = omnitill(
        capsys, "--data-dir", str(data), "enroll", "--hub", hub, "--code", "ABCD-EFGH-JKLM"
    )
    assert status == 1
    assert "plain http" in err
    assert "--insecure" in err
    assert not data.exists() or not any(data.iterdir())  # nothing written
    # Told --insecure, it goes ahead (and fails only because that host does not exist).
    status, _, err = omnitill(capsys, "--data-dir", str(data), "enroll", "--hub",
                              "http://hub.example.invalid:8600", "--code", "ABCD-EFGH-JKLM",
                              "--insecure")  # fmt: skip
    assert status == 1
    assert "plain http" not in err
    assert "unreachable" in err
