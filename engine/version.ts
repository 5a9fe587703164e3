// The product name and version, shared by the server, the CLI and reports.
export const PRODUCT_NAME = 'Makescope';
export const PRODUCT_VERSION = '0.1.0';
