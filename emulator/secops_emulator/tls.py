"""Self-made CA and server certificate (SAN 127.0.0.1 and localhost) for the HTTPS listener.

Files in the certificate directory: ca.pem (trust this one), server.pem, server-key.pem. They are
reused while valid, so a CA configured in a client keeps working across emulator restarts. The
CA key is never written: nobody can mint more certificates from a leaked directory.
"""
import datetime
import ipaddress
import os
import ssl
from collections import namedtuple

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEFAULT_CERT_DIR = os.path.join(".build", "emulator-tls")
VALIDITY = datetime.timedelta(days=365)
RENEW_BEFORE = datetime.timedelta(days=1)
SERVER_NAMES = (x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost"))

CertPaths = namedtuple("CertPaths", "ca cert key")


def ensure_certs(cert_dir: str) -> CertPaths:
    """Paths of a valid CA + server certificate in ``cert_dir``, generating them when needed."""
    paths = CertPaths(*(os.path.join(cert_dir, name) for name in ("ca.pem", "server.pem", "server-key.pem")))
    if not _still_valid(paths):
        os.makedirs(cert_dir, exist_ok=True)
        _generate(paths)
    return paths


def server_context(paths: CertPaths) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(paths.cert, paths.key)
    return context


def _not_after(cert: x509.Certificate) -> datetime.datetime:
    # not_valid_after_utc only exists from cryptography 42; older releases return naive UTC.
    value = getattr(cert, "not_valid_after_utc", None)
    return value or cert.not_valid_after.replace(tzinfo=datetime.timezone.utc)


def _still_valid(paths: CertPaths) -> bool:
    try:
        with open(paths.ca, "rb") as handle:
            ca = x509.load_pem_x509_certificate(handle.read())
        with open(paths.cert, "rb") as handle:
            cert = x509.load_pem_x509_certificate(handle.read())
        with open(paths.key, "rb") as handle:
            key = serialization.load_pem_private_key(handle.read(), password=None)
        ca.public_key().verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(cert.signature_hash_algorithm))
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (OSError, ValueError, TypeError, AttributeError, InvalidSignature, x509.ExtensionNotFound):
        return False
    deadline = datetime.datetime.now(datetime.timezone.utc) + RENEW_BEFORE
    return (cert.issuer == ca.subject
            and key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            == cert.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            and all(name in names for name in SERVER_NAMES)
            and min(_not_after(ca), _not_after(cert)) > deadline)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "secops.executions emulator"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(subject: x509.Name, issuer: x509.Name, public_key) -> x509.CertificateBuilder:
    now = datetime.datetime.now(datetime.timezone.utc)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + VALIDITY)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))


def _generate(paths: CertPaths) -> None:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("secops.executions emulator CA")
    ca_cert = (_builder(ca_name, ca_name, ca_key.public_key())
               .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                            data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                            crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
               .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    # Authority Key Identifier and critical constraints keep Python 3.13's VERIFY_X509_STRICT happy.
    cert = (_builder(_name("localhost"), ca_name, key.public_key())
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .add_extension(x509.SubjectAlternativeName(list(SERVER_NAMES)), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    _write(paths.key, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()), mode=0o600)
    _write(paths.cert, cert.public_bytes(serialization.Encoding.PEM))
    _write(paths.ca, ca_cert.public_bytes(serialization.Encoding.PEM))


def _write(path: str, data: bytes, mode: int = 0o644) -> None:
    # Write then rename, so a concurrently starting emulator never reads a half-written file.
    temporary = f"{path}.{os.getpid()}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)
