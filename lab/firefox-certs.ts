import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabCert } from './certs';

/** A certificate authority made for the lab: its PEM files and the names it was given. */
export interface LabCa {
  keyPath: string;
  certPath: string;
  /** PEM of the CA certificate (what Firefox's `Certificates.Install` policy is given, as a file). */
  cert: string;
  commonName: string;
  organization: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256'];

/**
 * Makes a root CA with openssl. Firefox, unlike Chromium's SPKI flag, checks the whole chain and the
 * host name, so the Firefox lab needs real CA-signed leaves rather than one self-signed certificate.
 */
export function makeCa(dir: string, name: string, commonName: string, organization: string): LabCa {
  const keyPath = join(dir, `${name}-ca.key`);
  const certPath = join(dir, `${name}-ca.pem`);
  execFileSync('openssl', [
    'req', '-x509', ...EC, '-days', '2', '-keyout', keyPath, '-out', certPath,
    '-subj', `/CN=${commonName}/O=${organization}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ], { stdio: 'pipe' });
  return { keyPath, certPath, cert: readFileSync(certPath, 'utf8'), commonName, organization };
}

/**
 * A server certificate for `hosts`, signed by `ca`. The PEM holds leaf then CA so servers send the
 * whole chain. `spki` is left empty: only Chromium pins by SPKI.
 */
export function makeLeaf(dir: string, name: string, ca: LabCa, hosts: readonly string[]): LabCert {
  const keyPath = join(dir, `${name}.key`);
  const csrPath = join(dir, `${name}.csr`);
  const certPath = join(dir, `${name}.pem`);
  const extPath = join(dir, `${name}.ext`);
  execFileSync('openssl', ['req', ...EC, '-keyout', keyPath, '-out', csrPath, '-subj', `/CN=${hosts[0] ?? 'lab.test'}`], { stdio: 'pipe' });
  writeFileSync(extPath, [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
    '',
  ].join('\n'));
  execFileSync('openssl', [
    'x509', '-req', '-in', csrPath, '-CA', ca.certPath, '-CAkey', ca.keyPath, '-CAcreateserial',
    '-days', '2', '-sha256', '-extfile', extPath, '-out', certPath,
  ], { stdio: 'pipe' });
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') + ca.cert, spki: '' };
}
