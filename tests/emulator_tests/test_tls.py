"""HTTPS listener and the generated CA / server certificate."""
import os
import stat
from pathlib import Path

import pytest
import requests
from cryptography import x509

from secops_emulator import tls


def test_https_with_the_generated_ca(emulator):
    response = requests.get(emulator.tls_url + "/_emulator/health", verify=emulator.ca_path, timeout=5)
    assert response.status_code == 200
    localhost = emulator.tls_url.replace("127.0.0.1", "localhost")
    assert requests.get(localhost + "/_emulator/health", verify=emulator.ca_path, timeout=5).status_code == 200


def test_https_without_the_ca_fails_verification(emulator):
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(emulator.tls_url + "/_emulator/health", verify=True, timeout=5)


def test_https_serves_the_same_api(emulator, control):
    response = requests.get(emulator.tls_url + "/admin/v1/SigningCert/jwk", verify=emulator.ca_path, timeout=5)
    assert response.status_code == 200
    assert control.requests()[-1]["path"] == "/admin/v1/SigningCert/jwk"


def test_certificates_are_reused_while_valid(tmp_path):
    paths = tls.ensure_certs(str(tmp_path))
    contents = [Path(path).read_bytes() for path in paths]
    assert [Path(path).read_bytes() for path in tls.ensure_certs(str(tmp_path))] == contents
    assert stat.S_IMODE(os.stat(paths.key).st_mode) == 0o600
    assert not os.path.exists(os.path.join(tmp_path, "ca-key.pem"))

    cert = x509.load_pem_x509_certificate(Path(paths.cert).read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert [str(ip) for ip in names.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]


def test_broken_or_mismatched_files_are_regenerated(tmp_path):
    paths = tls.ensure_certs(str(tmp_path))
    with open(paths.cert, "wb") as handle:
        handle.write(b"garbage")
    regenerated = tls.ensure_certs(str(tmp_path))
    assert b"BEGIN CERTIFICATE" in Path(regenerated.cert).read_bytes()

    other = tls.ensure_certs(str(tmp_path / "other"))
    os.replace(other.ca, paths.ca)  # a CA that did not sign server.pem
    ca_before = Path(paths.ca).read_bytes()
    tls.ensure_certs(str(tmp_path))
    assert Path(paths.ca).read_bytes() != ca_before
