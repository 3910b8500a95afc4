export const handler = 1; export const validate = 1;
