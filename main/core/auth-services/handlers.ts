import { apiKeyHandlers } from './api-key-handlers.ts';
import { oidcHandlers } from './oidc-handlers.ts';

export const authServiceHandlers = { ...apiKeyHandlers, ...oidcHandlers };
