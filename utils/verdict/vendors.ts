/**
 * The filter products we name in reports, by our own stable id. Every name a report shows
 * comes from here: our hand-written fingerprints (`fingerprints.ts`) and the field
 * fingerprints compiled from OONI's dataset (`field-fingerprints.ts`, mapped to these ids by
 * `scripts/fingerprints/curation.ts`) both point at an id, never at a name of their own.
 * See docs/field-fingerprints.md.
 */
export const VENDOR_LABELS = {
  squidguard: 'squidGuard',
  squid: 'Squid',
  zscaler: 'Zscaler',
  paloalto: 'Palo Alto Networks',
  fortinet: 'Fortinet FortiGuard',
  forcepoint: 'Forcepoint (Websense)',
  bluecoat: 'Blue Coat (Symantec)',
  'cisco-wsa': 'Cisco WSA',
  'cisco-umbrella': 'Cisco Umbrella (OpenDNS)',
  'cisco-meraki': 'Cisco Meraki',
  'cisco-scansafe': 'Cisco Cloud Web Security (ScanSafe)',
  checkpoint: 'Check Point',
  sonicwall: 'SonicWall',
  barracuda: 'Barracuda',
  sophos: 'Sophos',
  netskope: 'Netskope',
  watchguard: 'WatchGuard',
  mcafee: 'McAfee Web Gateway',
  olfeo: 'Olfeo',
  kerio: 'Kerio Control',
  iboss: 'iboss',
  lightspeed: 'Lightspeed Systems',
  netsweeper: 'Netsweeper',
  untangle: 'Untangle',
  contentkeeper: 'ContentKeeper',
  juniper: 'Juniper',
  comodo: 'Comodo Secure DNS',
  iserv: 'IServ',
  'rm-education': 'RM SafetyNet',
  'vas-experts': 'VAS Experts',
  wirefilter: 'WireFilter',
  'akamai-etp': 'Akamai Enterprise Threat Protector',
  cleanbrowsing: 'CleanBrowsing',
  safedns: 'SafeDNS',
  adguard: 'AdGuard DNS',
  pihole: 'Pi-hole',
  gateprotect: 'gateprotect',
  securly: 'Securly',
  eset: 'ESET',
  kaspersky: 'Kaspersky',
  drweb: 'Dr.Web',
  'trend-micro': 'Trend Micro',
  zyxel: 'Zyxel',
  huawei: 'Huawei',
  allot: 'Allot',
} as const;

export type VendorId = keyof typeof VENDOR_LABELS;

/** True when `id` is one of our vendor ids. */
export const isVendorId = (id: string): id is VendorId => Object.hasOwn(VENDOR_LABELS, id);
