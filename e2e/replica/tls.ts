/**
 * A certificate authority generated on first use and a server certificate signed by it that names
 * every replica host. Cached under .cache/tls; Chromium ignores certificate errors in tests, the
 * native host trusts the CA through NODE_EXTRA_CA_CERTS.
 */
import { generateKeyPairSync, createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { allHostPatterns } from './hosts';

export interface TlsMaterial {
  caCertPem: string;
  certPem: string;
  keyPem: string;
  caPath: string;
}

function newKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function serial(): string {
  return '01' + createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 30);
}

function makeCa() {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600e3);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600e3);
  const attrs = [
    { name: 'commonName', value: 'Deckhand Replica CA (tests only)' },
    { name: 'organizationName', value: 'Deckhand' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privatePem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

function makeServerCert(ca: { certPem: string; keyPem: string }, names: string[]) {
  const keys = newKeyPair();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600e3);
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600e3);
  cert.setSubject([{ name: 'commonName', value: 'Deckhand platform replica' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...names.map((value) => ({ type: 2, value })),
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

export function loadTls(cacheDir: string): TlsMaterial {
  const dir = join(cacheDir, 'tls');
  mkdirSync(dir, { recursive: true });
  const names = allHostPatterns();
  const namesId = createHash('sha1').update(names.join(',')).digest('hex');
  const paths = {
    ca: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server-key.pem'),
    names: join(dir, 'names.sha1'),
  };
  let ca: { certPem: string; keyPem: string };
  if (existsSync(paths.ca) && existsSync(paths.caKey)) {
    ca = { certPem: readFileSync(paths.ca, 'utf8'), keyPem: readFileSync(paths.caKey, 'utf8') };
  } else {
    ca = makeCa();
    writeFileSync(paths.ca, ca.certPem);
    writeFileSync(paths.caKey, ca.keyPem, { mode: 0o600 });
  }
  const fresh =
    existsSync(paths.cert) &&
    existsSync(paths.key) &&
    existsSync(paths.names) &&
    readFileSync(paths.names, 'utf8') === namesId &&
    forge.pki.certificateFromPem(readFileSync(paths.cert, 'utf8')).validity.notAfter.getTime() > Date.now() + 7 * 86400e3;
  if (!fresh) {
    const server = makeServerCert(ca, names);
    writeFileSync(paths.cert, server.certPem);
    writeFileSync(paths.key, server.keyPem, { mode: 0o600 });
    writeFileSync(paths.names, namesId);
  }
  return {
    caCertPem: ca.certPem,
    certPem: readFileSync(paths.cert, 'utf8'),
    keyPem: readFileSync(paths.key, 'utf8'),
    caPath: paths.ca,
  };
}
