import type { MethodName } from '../contract/index.ts';
import type { HandlerMap } from './handlers.ts';
import { accountHandlers } from './accounts/handlers.ts';
import { auditHandlers } from './audit/handlers.ts';
import { dashboardHandlers } from './dashboard/handlers.ts';
import { policyHandlers } from './policies/handlers.ts';
import { linkingHandlers } from './linking/handlers.ts';
import { partnerHandlers } from './partners/handlers.ts';
import { authServiceHandlers } from './auth-services/handlers.ts';
import { certificateHandlers } from './certificates/handlers.ts';
import { deviceHandlers } from './devices/handlers.ts';
import { ftmHandlers } from './ftm/handlers.ts';
import { hardwareHandlers } from './hardware/handlers.ts';
import { syncHandlers } from './sync/handlers.ts';
import { notificationHandlers } from './notifications/handlers.ts';
import { releaseHandlers } from './releases/handlers.ts';
import { portalHandlers } from './portal/handlers.ts';
import { idServiceHandlers } from './id-service/handlers.ts';
import { assistedHandlers } from './assisted/handlers.ts';

/** Every contract method has exactly one handler; a missing one is a type error here. */
export const handlers: HandlerMap<MethodName> = {
  ...accountHandlers,
  ...auditHandlers,
  ...dashboardHandlers,
  ...policyHandlers,
  ...linkingHandlers,
  ...partnerHandlers,
  ...authServiceHandlers,
  ...idServiceHandlers,
  ...assistedHandlers,
  ...certificateHandlers,
  ...deviceHandlers,
  ...ftmHandlers,
  ...hardwareHandlers,
  ...syncHandlers,
  ...notificationHandlers,
  ...releaseHandlers,
  ...portalHandlers,
};
