import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A key pair and self-signed certificate in PEM, with the SPKI pin Chromium trusts it by. */
export interface LabCert {
  key: string;
  cert: string;
  /** base64 SHA-256 of the SubjectPublicKeyInfo, for `--ignore-certificate-errors-spki-list`. */
  spki: string;
}

/**
 * Makes a self-signed certificate with openssl (present on every Debian machine, unlike a Node
 * X.509 writer). One certificate serves every stand-in host: `--ignore-certificate-errors-spki-list`
 * also hides name mismatches (docs/what-the-browser-sees.md), so SANs are cosmetic.
 */
export function makeCert(dir: string, name: string, commonName: string): LabCert {
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.pem`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256', '-days', '2',
    '-keyout', keyPath, '-out', certPath, '-subj', `/CN=${commonName}`,
    '-addext', 'subjectAltName=DNS:localhost,DNS:*.lab.test',
  ], { stdio: 'pipe' });
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), spki: spkiPin(dir, certPath) };
}

/** openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256 | base64, without a shell. */
function spkiPin(dir: string, certPath: string): string {
  const pubPath = join(dir, 'pub.tmp.pem');
  writeFileSync(pubPath, execFileSync('openssl', ['x509', '-in', certPath, '-pubkey', '-noout']));
  const der = execFileSync('openssl', ['pkey', '-pubin', '-in', pubPath, '-outform', 'der']);
  return execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der }).toString('base64');
}
