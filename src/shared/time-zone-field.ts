/**
 * The payload member that carries the viewer's time zone (see TimeZone in contract.ts). A module of its
 * own, without zod, so the Custom UI's entry module can send it without loading the contract's schemas.
 */
export const TIME_ZONE_FIELD = 'timeZone';
