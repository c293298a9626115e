export declare const BUILD_INPUTS: readonly string[];
export declare function sourceHash(appDir: string): string;
export declare function buildBanner(hash: string): string;
export declare function builtFrom(text: string): string | null;
