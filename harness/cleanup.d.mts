export declare const OWNER_FILE: string;
export declare function isAlive(pid: number | undefined): boolean;
export declare function processesUsing(dir: string): number[];
export declare function cleanupEngine(dir: string, opts?: { graceMs?: number }): Promise<void>;
