/** English: the server form's password sentence and the CA certificate file check. */

/** Password and CA certificate messages. */
export const credentials = {
  keptForSession: 'kept for this session only',
  savedInKeychain: 'saved in the system keychain',
  passwordForgottenForChanges: (changes: readonly string[]) =>
    `This edit changes ${changes.length < 2 ? (changes[0] ?? '') : `${changes.slice(0, -1).join(', ')} and ${changes[changes.length - 1]}`}: on Save the stored password is forgotten, as it is only used with what it was entered for. Type the password again.`,
  /** The parts of a server a stored password is bound to, as the sentence above names them. */
  boundParts: {
    serverUrl: 'the server URL',
    adminUrl: 'the admin URL',
    authMode: 'the sign-in',
    portalUrl: 'the portal URL',
    username: 'the user name',
    caCertPem: 'the CA certificate',
  },
  onSaveReplacing: (where: string) => `On Save, this password is ${where}, replacing the one stored now.`,
  onSave: (where: string) => `On Save, this password is ${where}.`,
  keychainLocked:
    'The system keychain is locked: unlock it to use the saved password, or type one and keep it for this session only.',
  savedInKeychainNow: 'A password is saved in the system keychain. Type a new one to replace it.',
  keptForSessionNow:
    'A password is kept for this session only (not in the keychain). Type a new one to replace it.',
  noPassword: (where: string) => `No password is stored. Type one and Save: it is ${where}.`,
  pemEmpty: 'The file is empty. Choose the CA certificate file (.pem or .crt).',
  pemTooLarge:
    'The file is larger than 64 KB. Choose only the CA certificate(s) that issued the server certificate.',
  pemBinary:
    'This looks like a binary (DER) certificate. Convert it to PEM first, e.g. ' +
    '`openssl x509 -inform der -in ca.cer -out ca.pem`, then choose ca.pem.',
  pemPrivateKey: 'This file holds a private key. Choose the CA certificate instead, and keep the key secret.',
  pemOtherBlock: (kind: string) =>
    `This file holds a ${kind}, not a certificate. Choose the CA certificate file.`,
  pemNoCertificate: 'No PEM certificate found. The file should contain "-----BEGIN CERTIFICATE-----".',
  pemDamaged: 'A certificate in this file is damaged (its base64 text does not decode). Export it again.',
};
