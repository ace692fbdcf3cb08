/** Types of scripts/start.mjs for the tests (the script itself is plain JavaScript). */
export declare const OUT: string;
export declare function prepareCompiled(options?: { readonly src?: string; readonly out?: string; readonly log?: (line: string) => void }): Promise<number>;
