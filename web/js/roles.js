// What each role may do, mirrored from the server's policy table
// (src/service/policy.c) only to decide which links and buttons to offer.
// The server remains the authority: it answers 403/404 whatever the UI shows.
const GRANTS = {
  admin: ['shelters', 'shelterAdmin'],
  coordinator: ['cases', 'create', 'decide', 'assist', 'identity', 'shelters', 'shelterAdmin', 'justice', 'alerts', 'alertResolve'],
  caseworker: ['cases', 'create', 'decide', 'assist', 'identity', 'shelters', 'justice', 'alerts'],
  prosecutor_liaison: ['cases', 'identity', 'justice'],
  analyst: [],
  auditor: [],
};

/** Whether ROLE may do ACT ('cases', 'create', 'decide', 'assist', 'identity', 'shelters', 'shelterAdmin',
 *  'justice' (record proceedings and protection), 'alerts' (read compliance alerts), 'alertResolve'). */
export function can(role, act) {
  return (GRANTS[role] ?? []).includes(act);
}
