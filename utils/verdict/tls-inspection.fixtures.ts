import type { SecurityInfoLike } from './tls-inspection';

/**
 * `webRequest.getSecurityInfo(requestId, { certificateChain: true })` as Firefox 153 ESR returned it
 * in the Firefox lab (lab/firefox-lab.ts) for a leaf signed by the corporate inspection root
 * that enterprise policy `Certificates.Install` deployed. Recorded verbatim.
 */
export const RECORDED_CORPORATE_ROOT = {
  'state': 'secure',
  'cipherSuite': 'TLS_AES_256_GCM_SHA384',
  'secretKeyLength': 256,
  'keaGroupName': 'x25519',
  'signatureSchemeName': 'ECDSA-P256-SHA256',
  'isExtendedValidation': false,
  'certificateTransparencyStatus': 'not_applicable',
  'protocolVersion': 'TLSv1.3',
  'certificates': [
    {
      'subject': 'CN=www.linkedin.com',
      'issuer': 'O=ACME Corp,CN=ACME Corp Inspection Root CA',
      'validity': {
        'start': 1795434728000,
        'end': 1795607528000
      },
      'fingerprint': {
        'sha1': 'C3:F3:B4:8F:10:A6:F2:0A:C8:66:E1:4F:54:CC:FB:5A:5E:7B:79:7A',
        'sha256': 'B6:EE:56:BD:9D:D6:A0:2C:53:CC:E2:44:55:4D:CA:18:D6:7F:30:85:3A:36:6D:47:F8:33:C4:5C:99:9C:8D:B6'
      },
      'serialNumber': '3A:F9:B6:8A:23:0B:10:65:15:EE:32:2B:93:31:3F:1E:02:B2:12:7E',
      'isBuiltInRoot': false,
      'subjectPublicKeyInfoDigest': {
        'sha256': 'V0QNKqGYLch8nZYdv0q6aWF5NhmIVVNBUczDC+cx/NM='
      }
    },
    {
      'subject': 'O=ACME Corp,CN=ACME Corp Inspection Root CA',
      'issuer': 'O=ACME Corp,CN=ACME Corp Inspection Root CA',
      'validity': {
        'start': 1795434727000,
        'end': 1795607527000
      },
      'fingerprint': {
        'sha1': '59:BB:40:20:C9:98:EB:34:E4:5F:4B:91:05:4F:5D:D9:14:2A:85:6B',
        'sha256': '69:EC:AC:22:54:04:D3:1B:AA:AC:5A:09:2E:2C:0C:AE:74:B9:93:44:F5:76:8B:53:EE:41:0D:AA:2F:EB:56:4C'
      },
      'serialNumber': '57:08:AC:BF:27:78:B9:C2:EE:1C:F5:98:24:42:16:3D:08:42:DD:2D',
      'isBuiltInRoot': false,
      'subjectPublicKeyInfoDigest': {
        'sha256': 'smflr7ozN++4GA0IALMLBxX9K9Q80yObKlNHaS7i/xc='
      }
    }
  ],
  'hsts': false,
  'hpkp': false,
  'usedEch': false,
  'usedDelegatedCredentials': false,
  'usedOcsp': false,
  'usedPrivateDns': false
} as const;

/** Recorded the same way: a stand-in signed by the lab's own root (also installed by policy). */
export const RECORDED_LAB_ROOT = {
  'state': 'secure',
  'cipherSuite': 'TLS_AES_256_GCM_SHA384',
  'secretKeyLength': 256,
  'keaGroupName': 'x25519',
  'signatureSchemeName': 'ECDSA-P256-SHA256',
  'isExtendedValidation': false,
  'certificateTransparencyStatus': 'not_applicable',
  'protocolVersion': 'TLSv1.3',
  'certificates': [
    {
      'subject': 'CN=connectivitycheck.gstatic.com',
      'issuer': 'O=Access Gap lab,CN=Access Gap Lab Root',
      'validity': {
        'start': 1795434728000,
        'end': 1795607528000
      },
      'fingerprint': {
        'sha1': '3E:C6:F9:47:6A:60:6A:A0:0A:BC:A8:3C:B5:31:91:12:D0:C7:50:3A',
        'sha256': '6F:BF:99:D4:85:7A:9E:9C:BF:C2:F5:1A:4B:65:C2:E3:59:6A:DB:23:A1:55:D9:DE:A6:E5:BA:02:0D:9A:F8:22'
      },
      'serialNumber': '38:0B:0A:4E:A6:07:2E:F6:9D:A8:C3:65:66:D0:55:A0:12:51:77:FD',
      'isBuiltInRoot': false,
      'subjectPublicKeyInfoDigest': {
        'sha256': 'dZkMZP8L36kBZgMo62x7wly8wvoyYI7y9REve6RH+XI='
      }
    },
    {
      'subject': 'O=Access Gap lab,CN=Access Gap Lab Root',
      'issuer': 'O=Access Gap lab,CN=Access Gap Lab Root',
      'validity': {
        'start': 1795434727000,
        'end': 1795607527000
      },
      'fingerprint': {
        'sha1': 'CE:A6:D8:FC:C6:CD:07:2D:5B:47:30:18:5A:7D:B5:C0:B5:BA:76:6F',
        'sha256': '9B:D3:B6:5F:AD:79:8B:69:F7:B9:61:34:45:68:65:64:1D:8F:84:72:B4:B3:FE:84:32:36:E0:4A:EC:D6:23:71'
      },
      'serialNumber': '04:4B:C8:19:85:00:9C:CF:DE:9A:23:E7:75:B8:8F:19:FB:0C:DE:B9',
      'isBuiltInRoot': false,
      'subjectPublicKeyInfoDigest': {
        'sha256': 'tsrpxGgtBAvJp/+jUFKMiSPlTOUMXAysg0jnDLCMMr0='
      }
    }
  ],
  'hsts': true,
  'hpkp': false,
  'usedEch': false,
  'usedDelegatedCredentials': false,
  'usedOcsp': false,
  'usedPrivateDns': false
} as const;

/**
 * DERIVED, not recorded: the corporate fixture with the root flagged built in. The lab cannot make
 * a root built in — Firefox compiles its built-in roots into libxul (Debian's firefox-esr ships no
 * separate libnssckbi.so to swap) — so this stands for a public web CA chain such as Let's Encrypt's.
 */
export const DERIVED_BUILT_IN_ROOT: SecurityInfoLike = {
  ...RECORDED_CORPORATE_ROOT,
  certificates: [
    { subject: 'CN=www.linkedin.com', issuer: 'C=US,O=Let\'s Encrypt,CN=R11', isBuiltInRoot: false },
    { subject: 'C=US,O=Let\'s Encrypt,CN=R11', issuer: 'C=US,O=Internet Security Research Group,CN=ISRG Root X1', isBuiltInRoot: false },
    { subject: 'C=US,O=Internet Security Research Group,CN=ISRG Root X1', issuer: 'C=US,O=Internet Security Research Group,CN=ISRG Root X1', isBuiltInRoot: true },
  ],
};

/** DERIVED: the same chain accepted only through a user's certificate exception. */
export const DERIVED_USER_EXCEPTION: SecurityInfoLike = { ...RECORDED_CORPORATE_ROOT, isUntrusted: true, overridableErrorCategory: 'trust_error' };
