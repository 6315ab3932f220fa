/* The HTTP server: libmicrohttpd with a thread pool, one database
 * connection per worker thread, the middleware every request passes
 * (size cap, authentication, CSRF, security headers, access log), the API
 * routes and the embedded UI.
 * Ownership: the server borrows the instance for as long as it runs. */
#ifndef LT_HTTP_SERVER_H
#define LT_HTTP_SERVER_H
#include "service/instance.h"

struct lt_server_opts {
	const char *listen;   /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks a free one */
	unsigned threads;     /* worker threads; 0 means one per core, at least 2 */
	size_t body_max;      /* bytes; larger bodies get 413 */
	bool secure_cookies;  /* add Secure to cookies (behind TLS) */
	int64_t drain_seconds; /* how long shutdown waits for requests in flight */
	/* Called once the socket listens, before requests are served (may be
	 * NULL): where `serve` starts its background work (the daily recheck). */
	void (*on_listening)(void *arg);
	void *on_listening_arg;
};

/** Fills O with defaults: 127.0.0.1:8080, 1 MiB bodies, 30 s drain. */
void lt_server_opts_init(struct lt_server_opts *o);
/** Serves until SIGTERM or SIGINT, then finishes the requests in flight and
 *  returns LT_OK. Logs a "listening" line with the bound port first. */
lt_err lt_server_run(struct lt_instance *inst, const struct lt_server_opts *o,
		     struct lt_problem *p);

#endif
