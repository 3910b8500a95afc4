declare const aliases: Record<string, string>;
export = aliases;
