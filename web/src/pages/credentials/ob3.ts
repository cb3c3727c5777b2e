// Reads the parts of an Open Badges 3.0 credential that pages show. The JSON may come from anyone
// (the verify page takes any file), so every field is checked rather than trusted.

export interface Ob3Alignment {
  targetName: string;
  targetUrl?: string;
  targetCode?: string;
}

export interface Ob3Endorsement {
  issuerName: string;
  comment: string;
  validFrom?: string;
}

export interface Ob3Evidence {
  name: string;
  description?: string;
  narrative?: string;
  url?: string;
}

export interface Ob3RecipientIdentifier {
  identityType: string;
  /** The email (or other identifier) itself when not hashed, otherwise its `sha256$…` hash. */
  identityHash: string;
  hashed: boolean;
}

export interface Ob3Summary {
  achievementName?: string;
  description?: string;
  criteriaNarrative?: string;
  imageUrl?: string;
  alignments: Ob3Alignment[];
  issuerId?: string;
  issuerName?: string;
  recipientName?: string;
  /** The subject's own id, e.g. a DID, when it has one. */
  recipientId?: string;
  identifiers: Ob3RecipientIdentifier[];
  endorsements: Ob3Endorsement[];
  evidence: Ob3Evidence[];
  validFrom?: string;
  validUntil?: string;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** OB 3.0 allows a string or a language map for some text fields; take the plain or first value. */
function words(value: unknown): string | undefined {
  const plain = text(value);
  if (plain) return plain;
  const map = object(value);
  return map ? Object.values(map).map(text).find(Boolean) : undefined;
}

function imageUrl(value: unknown): string | undefined {
  const id = text(value) ?? text(object(value)?.['id']);
  // Only images the browser may load safely: http(s) and inline data URLs.
  return id && /^(https?:|data:image\/)/i.test(id) ? id : undefined;
}

/** An issuer given as a URL/DID string or as a Profile object. */
export function issuerOf(value: unknown): { id?: string; name?: string } {
  const id = text(value);
  if (id) return { id };
  const profile = object(value);
  return { id: text(profile?.['id']), name: words(profile?.['name']) };
}

export function readOb3(credential: unknown): Ob3Summary {
  const root = object(credential) ?? {};
  const subject = object(list(root['credentialSubject'])[0]) ?? {};
  const achievement = object(subject['achievement']) ?? {};
  const issuer = issuerOf(root['issuer']);

  const alignments = list(achievement['alignment']).flatMap((item): Ob3Alignment[] => {
    const alignment = object(item);
    const targetName = words(alignment?.['targetName']);
    if (!alignment || !targetName) return [];
    const targetUrl = text(alignment['targetUrl']);
    const targetCode = text(alignment['targetCode']);
    return [
      {
        targetName,
        ...(targetUrl && /^https?:/i.test(targetUrl) ? { targetUrl } : {}),
        ...(targetCode ? { targetCode } : {}),
      },
    ];
  });

  const endorsements = list(root['endorsement'] ?? achievement['endorsement']).flatMap(
    (item): Ob3Endorsement[] => {
      const endorsement = object(item);
      if (!endorsement) return [];
      const by = issuerOf(endorsement['issuer']);
      const comment = words(object(endorsement['credentialSubject'])?.['endorsementComment']);
      if (!comment) return [];
      const validFrom = text(endorsement['validFrom']) ?? text(endorsement['issuanceDate']);
      return [
        { issuerName: by.name ?? by.id ?? 'An endorser', comment, ...(validFrom ? { validFrom } : {}) },
      ];
    },
  );

  const evidence = list(root['evidence']).flatMap((item): Ob3Evidence[] => {
    const entry = object(item);
    const name = words(entry?.['name']);
    if (!entry || !name) return [];
    const description = words(entry['description']);
    const narrative = words(entry['narrative']);
    const url = text(entry['id']);
    return [
      {
        name,
        ...(description ? { description } : {}),
        ...(narrative ? { narrative } : {}),
        ...(url && /^https?:/i.test(url) ? { url } : {}),
      },
    ];
  });

  const identifiers = list(subject['identifier']).flatMap((item): Ob3RecipientIdentifier[] => {
    const identity = object(item);
    const identityHash = text(identity?.['identityHash']);
    if (!identity || !identityHash) return [];
    return [
      {
        identityType: text(identity['identityType']) ?? 'identifier',
        identityHash,
        hashed: identity['hashed'] === true,
      },
    ];
  });

  return {
    achievementName: words(achievement['name']) ?? words(root['name']),
    description: words(achievement['description']),
    criteriaNarrative: words(object(achievement['criteria'])?.['narrative']),
    imageUrl: imageUrl(achievement['image']) ?? imageUrl(root['image']),
    alignments,
    issuerId: issuer.id,
    issuerName: issuer.name,
    recipientName: words(subject['name']),
    recipientId: text(subject['id']),
    identifiers,
    endorsements,
    evidence,
    validFrom: text(root['validFrom']) ?? text(root['issuanceDate']),
    validUntil: text(root['validUntil']) ?? text(root['expirationDate']),
  };
}

const IDENTITY_TYPES: Record<string, string> = {
  emailAddress: 'Email address',
  did: 'DID',
  url: 'Web address',
  phoneNumber: 'Phone number',
  studentId: 'Student ID',
  nationalIdentityNumber: 'National identity number',
};

export function identityTypeLabel(type: string): string {
  return IDENTITY_TYPES[type] ?? type.replace(/^ext:/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
}
