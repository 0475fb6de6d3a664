/** The few functions of sm-crypto (dev dependency: the independent SM2 implementation tests check against). */
declare module 'sm-crypto' {
  interface Sm2Options {
    hash?: boolean;
    der?: boolean;
    publicKey?: string;
    userId?: string;
  }
  const smCrypto: {
    sm2: {
      doSignature(msg: string | number[], privateKeyHex: string, options?: Sm2Options): string;
      doVerifySignature(msg: string | number[], signatureHex: string, publicKeyHex: string, options?: Sm2Options): boolean;
      getPublicKeyFromPrivateKey(privateKeyHex: string): string;
    };
    sm3(msg: string | number[]): string;
  };
  export default smCrypto;
}
