"""The local stack's certificate authority and the node certificate for Elasticsearch's HTTPS.

Generated once, on the first start, into the node's ``config/certs/``: clients
verify the node against ``ca.crt`` (``CLAIMWIRE_ES_CA_CERTS``). The private keys
stay owner-only; the CA's key is kept so a lost node certificate can be re-issued.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_CERT = "ca.crt"
CA_KEY = "ca.key"
NODE_CERT = "node.crt"
NODE_KEY = "node.key"
VALID_DAYS = 3 * 365


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a file created with mode 0600 (never readable by others, even briefly)."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem_key(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Claimwire local stack"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def ensure_certificates(certs_dir: Path, hostnames: tuple[str, ...] = ("localhost",)) -> Path:
    """Create the CA and a node certificate for ``hostnames`` and 127.0.0.1 unless present.

    Consumes nothing else; emits ``ca.crt``, ``ca.key``, ``node.crt``, ``node.key`` in
    ``certs_dir`` (keys mode 0600). Idempotent: existing files are kept. Returns the CA path.
    """
    certs_dir.mkdir(parents=True, exist_ok=True)
    ca_path, node_path = certs_dir / CA_CERT, certs_dir / NODE_CERT
    if ca_path.exists() and node_path.exists() and (certs_dir / NODE_KEY).exists():
        return ca_path
    now = datetime.datetime.now(datetime.UTC)
    until = now + datetime.timedelta(days=VALID_DAYS)
    ca_key = _key()
    ca_name = _name("Claimwire local CA")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    node_key = _key()
    alt_names: list[x509.GeneralName] = [x509.DNSName(host) for host in hostnames]
    alt_names.append(x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
    node_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(hostnames[0]))
        .issuer_name(ca_name)
        .public_key(node_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(until)
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _write_private(certs_dir / CA_KEY, _pem_key(ca_key))
    _write_private(certs_dir / NODE_KEY, _pem_key(node_key))
    node_path.write_bytes(node_cert.public_bytes(serialization.Encoding.PEM))
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    return ca_path
