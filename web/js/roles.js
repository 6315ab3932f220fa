// What each role may do, mirrored from the server's policy table
// (src/service/policy.c) only to decide which links and buttons to offer.
// The server remains the authority: it answers 403/404 whatever the UI shows.
const GRANTS = {
  admin: ['shelters', 'shelterAdmin', 'stats', 'ctdcExport'],
  coordinator: ['cases', 'create', 'decide', 'assist', 'identity', 'shelters', 'shelterAdmin', 'justice', 'alerts', 'alertResolve', 'stats', 'ctdcExport'],
  caseworker: ['cases', 'create', 'decide', 'assist', 'identity', 'shelters', 'justice', 'alerts'],
  prosecutor_liaison: ['cases', 'identity', 'justice'],
  // Every role that reads statistics may export the k-anonymous CTDC file.
  analyst: ['stats', 'ctdcExport'],
  auditor: [],
};

/** Whether ROLE may do ACT ('cases', 'create', 'decide', 'assist', 'identity', 'shelters', 'shelterAdmin',
 *  'justice' (record proceedings and protection), 'alerts' (read compliance alerts), 'alertResolve',
 *  'stats' (statistics and reports), 'ctdcExport' (the CTDC open-data file)). */
export function can(role, act) {
  return (GRANTS[role] ?? []).includes(act);
}
