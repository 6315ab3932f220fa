#include "http/server.h"
#include "base/embed.h"
#include "base/log.h"
#include "base/timeutil.h"
#include "crypto/token.h"
#include "http/router.h"
#include "service/accounts.h"
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#define SESSION_COOKIE "lantern_session"
#define MAX_THREADS 64

static const char csp[] =
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	"connect-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; "
	"base-uri 'none'; frame-ancestors 'none'";

struct server {
	struct lt_instance *inst;
	const struct lt_server_opts *opts;
	struct MHD_Daemon *daemon;
	atomic_int in_flight;
	pthread_mutex_t lock; /* guards stores[] */
	struct lt_store *stores[MAX_THREADS];
	size_t nstores;
};

static volatile sig_atomic_t stop_requested;
static _Thread_local uint64_t request_counter;

/* Request ids only need to be unique, to find a request's log lines from
 * the id a user quotes (X-Request-Id, the request_id of a problem). They are
 * not secrets and nothing relies on them being unguessable: the mix below is
 * invertible, so one id gives away the next ones of its thread. Each thread
 * starts at a random point (one getrandom when it serves its first
 * request), then steps a counter through a 64-bit mix (splitmix64), so no
 * system call is spent per request and ids look unrelated in the log. */
static uint64_t next_request_id(void)
{
	if (!request_counter)
		randombytes_buf(&request_counter, sizeof(request_counter));
	uint64_t z = (request_counter += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}
static _Thread_local struct lt_store *thread_store;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* Each worker thread opens its own connection on first use; SQLite
 * connections are not shared between threads. */
static lt_err worker_store(struct server *srv, struct lt_store **out, struct lt_problem *p)
{
	if (thread_store) {
		*out = thread_store;
		return LT_OK;
	}
	pthread_mutex_lock(&srv->lock);
	lt_err rc = LT_OK;
	if (srv->nstores >= MAX_THREADS)
		rc = lt_problem_set(p, LT_ERR_INTERNAL, "too many worker threads");
	else if ((rc = lt_instance_connect(srv->inst, &thread_store, p)) == LT_OK)
		srv->stores[srv->nstores++] = thread_store;
	pthread_mutex_unlock(&srv->lock);
	*out = thread_store;
	return rc;
}

static bool is_write(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "OPTIONS");
}

/* Establishes the actor: bearer token first (machine clients), else the
 * session cookie, which must come with the CSRF token on writes. */
static lt_err authenticate(struct lt_req *req)
{
	const char *authz = lt_req_header(req, "Authorization");
	if (authz) {
		if (strncasecmp(authz, "Bearer ", 7) != 0 || strlen(authz + 7) >= LT_TOKEN_TEXT_MAX)
			return lt_problem_set(&req->problem, LT_ERR_UNAUTHORIZED,
					      "Authorization must be `Bearer TOKEN`.");
		return lt_svc_token_auth(&req->ctx, authz + 7);
	}
	const char *cookie = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
	if (!cookie || !*cookie || strlen(cookie) >= LT_TOKEN_TEXT_MAX)
		return lt_problem_set(&req->problem, LT_ERR_UNAUTHORIZED, "Log in first.");
	lt_err rc = lt_svc_session_auth(&req->ctx, cookie);
	if (rc)
		return rc;
	if (is_write(req->method)) {
		const char *csrf = lt_req_header(req, "X-CSRF-Token");
		if (!csrf || !lt_token_equal(csrf, req->ctx.actor.csrf_token))
			return lt_problem_set(&req->problem, LT_ERR_FORBIDDEN,
					      "The X-CSRF-Token header is missing or wrong.");
	}
	return LT_OK;
}

static const char *mime_for(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".html", "text/html; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".mjs", "text/javascript; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},
		{".json", "application/json"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".ico", "image/x-icon"},
		{".webmanifest", "application/manifest+json"},
		{".txt", "text/plain; charset=utf-8"},
	};
	for (size_t i = 0; i < LT_ARRAY_LEN(types); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* The q value of one Accept-Encoding member's parameters (after its coding):
 * 1 when absent; 0 for q=0, q=0., q=0.000 (RFC 9110 12.4.2), anything else
 * that parses as a weight above zero counts as 1 since only zero matters here. */
static int coding_weight(const char *params, const char *end)
{
	const char *p = params;
	while (p < end) {
		while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
			p++;
		if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
			p += 2;
			if (p < end && *p == '1')
				return 1;
			if (p >= end || *p != '0')
				return 0; /* malformed weight: do not rely on it */
			p++;
			if (p < end && *p == '.')
				for (p++; p < end && *p >= '0' && *p <= '9'; p++)
					if (*p != '0')
						return 1;
			return 0;
		}
		while (p < end && *p != ';')
			p++;
	}
	return 1;
}

/* Whether an Accept-Encoding header lets us send gzip: "gzip" (or the old
 * "x-gzip") with a non-zero weight, or else "*" with a non-zero weight. */
static bool accepts_gzip(const char *header)
{
	if (!header)
		return false;
	int gzip = -1, star = -1;
	for (const char *p = header; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		const char *end = p + strcspn(p, ",");
		size_t n = strcspn(p, ";, \t");
		if (n > (size_t)(end - p))
			n = (size_t)(end - p);
		const char *params = p + n;
		if ((n == 4 && strncasecmp(p, "gzip", 4) == 0) ||
		    (n == 6 && strncasecmp(p, "x-gzip", 6) == 0)) {
			int w = coding_weight(params, end);
			gzip = gzip < 0 ? w : (gzip && w);
		} else if (n == 1 && *p == '*') {
			star = coding_weight(params, end);
		}
		p = end;
	}
	return gzip >= 0 ? gzip > 0 : star > 0;
}

static void serve_asset(struct lt_req *req)
{
	if (strcmp(req->method, "GET") && strcmp(req->method, "HEAD")) {
		lt_resp_header(req, "Allow", "GET, HEAD");
		lt_problem_set(&req->problem, LT_ERR_INVALID, "This path only answers GET and HEAD.");
		lt_resp_problem_status(req, 405);
		return;
	}
	const char *name = strcmp(req->path, "/") == 0 ? "index.html" : req->path + 1;
	const struct lt_embedded_file *f = strstr(name, "..") ? NULL : lt_embed_find(lt_web_files, name);
	if (!f) {
		lt_problem_set(&req->problem, LT_ERR_NOT_FOUND, "Nothing is at this path.");
		lt_resp_problem(req, LT_ERR_NOT_FOUND);
		return;
	}
	/* The compressed copy exists only where it is smaller; caches must key
	 * on Accept-Encoding for those files, whichever copy this answer gets. */
	bool gz = f->gz && accepts_gzip(lt_req_header(req, "Accept-Encoding"));
	if (f->gz)
		lt_resp_header(req, "Vary", "Accept-Encoding");
	if (gz)
		lt_resp_header(req, "Content-Encoding", "gzip");
	lt_buf_reset(&req->out);
	if (lt_buf_add(&req->out, gz ? f->gz : f->data, gz ? f->gz_len : f->len)) {
		lt_resp_problem(req, LT_ERR_NOMEM);
		return;
	}
	req->status = 200;
	req->content_type = mime_for(name);
	req->cache_control = "no-cache";
}

static void dispatch(struct server *srv, struct lt_req *req)
{
	if (req->body_too_large) {
		lt_problem_set(&req->problem, LT_ERR_TOO_LARGE, "The body is over the limit of %zu bytes.",
			       srv->opts->body_max);
		lt_resp_problem(req, LT_ERR_TOO_LARGE);
		return;
	}
	if (strncmp(req->path, "/api/", 5) != 0) {
		serve_asset(req);
		return;
	}
	char allow[96];
	enum lt_match m = lt_router_match(req, req->method, req->path, allow, sizeof(allow));
	if (m == LT_MATCH_NO_PATH) {
		lt_problem_set(&req->problem, LT_ERR_NOT_FOUND, "No API route has this path.");
		lt_resp_problem(req, LT_ERR_NOT_FOUND);
		return;
	}
	if (m == LT_MATCH_NO_METHOD) {
		char *a = lt_arena_strdup(&req->arena, allow);
		if (a)
			lt_resp_header(req, "Allow", a);
		lt_problem_set(&req->problem, LT_ERR_INVALID, "This route answers only: %s.", allow);
		lt_resp_problem_status(req, 405);
		return;
	}
	lt_err rc = worker_store(srv, &req->ctx.store, &req->problem);
	if (rc) {
		lt_resp_problem(req, rc);
		return;
	}
	if (req->route->auth == LT_AUTH_REQUIRED && (rc = authenticate(req))) {
		lt_resp_problem(req, rc);
		return;
	}
	static const char *const no_query[] = {NULL};
	if (lt_req_query_only(req, req->route->query ? req->route->query : no_query))
		return;
	if (!req->route->body && req->body.len) {
		lt_problem_field(&req->problem, "(body)", "this route takes no request body");
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	req->route->handler(req);
}

static struct lt_req *req_new(struct server *srv, struct MHD_Connection *conn, const char *method,
			      const char *url)
{
	struct lt_req *req = calloc(1, sizeof(*req));
	if (!req)
		return NULL;
	req->conn = conn;
	req->started_ms = lt_mono_ms();
	lt_arena_init(&req->arena);
	lt_buf_init(&req->body, srv->opts->body_max);
	lt_buf_init(&req->out, 0);
	lt_problem_init(&req->problem);
	req->method = lt_arena_strdup(&req->arena, method);
	req->path = lt_arena_strdup(&req->arena, url);
	static const char hex[] = "0123456789abcdef";
	uint64_t rid = next_request_id(); /* 16 hex digits, by hand: once per request */
	for (int i = 15; i >= 0; i--, rid >>= 4)
		req->request_id[i] = hex[rid & 15];
	req->request_id[16] = '\0';
	req->secure_cookies = srv->opts->secure_cookies;
	req->ctx.keys = &srv->inst->keys;
	req->ctx.config = &srv->inst->config;
	req->ctx.arena = &req->arena;
	req->ctx.problem = &req->problem;
	if (!req->method || !req->path) {
		lt_arena_release(&req->arena);
		free(req);
		return NULL;
	}
	return req;
}

static void add_security_headers(struct MHD_Response *resp, const char *policy)
{
	MHD_add_response_header(resp, "Content-Security-Policy", policy ? policy : csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
				"camera=(), microphone=(), geolocation=(), payment=()");
}

static enum MHD_Result send_response(struct lt_req *req)
{
	if (!req->status)
		lt_resp_problem(req, LT_ERR_INTERNAL); /* a handler that answered nothing is a bug */
	bool head = strcmp(req->method, "HEAD") == 0;
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		head ? 0 : req->out.len, req->out.data ? req->out.data : (void *)"",
		MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	add_security_headers(resp, req->csp);
	if (req->content_type)
		MHD_add_response_header(resp, "Content-Type", req->content_type);
	MHD_add_response_header(resp, "Cache-Control", req->cache_control ? req->cache_control : "no-store");
	MHD_add_response_header(resp, "X-Request-Id", req->request_id);
	for (size_t i = 0; i < req->nheaders; i++)
		MHD_add_response_header(resp, req->headers[i].name, req->headers[i].value);
	if (req->status == 401)
		MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"lantern\"");
	enum MHD_Result ret = MHD_queue_response(req->conn, req->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct server *srv = cls;
	struct lt_req *req = *con_cls;
	if (!req) {
		req = req_new(srv, conn, method, url);
		if (!req)
			return MHD_NO;
		*con_cls = req;
		atomic_fetch_add(&srv->in_flight, 1);
		const char *len = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (len) {
			char *end = NULL;
			unsigned long long n = strtoull(len, &end, 10);
			if (end == len || *end || n > srv->opts->body_max)
				req->body_too_large = true;
		}
		/* Answer on a later call, as libmicrohttpd keeps the connection alive then. */
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!req->body_too_large &&
		    lt_buf_add(&req->body, upload_data, *upload_data_size) != LT_OK)
			req->body_too_large = true;
		*upload_data_size = 0; /* consumed (or discarded past the cap) */
		return MHD_YES;
	}
	dispatch(srv, req);
	return send_response(req);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	struct server *srv = cls;
	struct lt_req *req = *con_cls;
	if (!req)
		return;
	/* The route pattern, never the path or query: they may carry a name. */
	const char *route = req->route ? req->route->pattern
			    : strncmp(req->path, "/api/", 5) ? "(static)"
							      : "(none)";
	lt_log_request(req->request_id, req->method, route, (int)req->status,
		       lt_mono_ms() - req->started_ms, req->ctx.actor.user_id,
		       toe == MHD_REQUEST_TERMINATED_COMPLETED_OK);
	if (req->body.data)
		sodium_memzero(req->body.data, req->body.len);
	lt_buf_release(&req->body);
	/* Answers may carry an opened name: wipe before the memory is reused. */
	if (req->out.data)
		sodium_memzero(req->out.data, req->out.len);
	lt_buf_release(&req->out);
	lt_arena_release(&req->arena);
	free(req);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->in_flight, 1);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[256];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	lt_log(LT_LOG_WARN, "http", json_pack("{s:s}", "message", msg));
}

void lt_server_opts_init(struct lt_server_opts *o)
{
	o->listen = "127.0.0.1:8080";
	o->threads = 0;
	o->body_max = 1024 * 1024;
	o->secure_cookies = false;
	o->drain_seconds = 30;
	o->on_listening = NULL;
	o->on_listening_arg = NULL;
}

static lt_err parse_listen(const char *listen, struct sockaddr_storage *ss, struct lt_problem *p)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof(host))
		return lt_problem_field(p, "listen", "must be HOST:PORT, e.g. 127.0.0.1:8080");
	size_t hlen = (size_t)(colon - listen);
	memcpy(host, listen, hlen);
	host[hlen] = '\0';
	char *end = NULL;
	long port = strtol(colon + 1, &end, 10);
	if (end == colon + 1 || *end || port < 0 || port > 65535)
		return lt_problem_field(p, "listen", "the port must be a number from 0 to 65535");
	memset(ss, 0, sizeof(*ss));
	if (host[0] == '[' && hlen > 2 && host[hlen - 1] == ']') {
		host[hlen - 1] = '\0';
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
			return lt_problem_field(p, "listen", "not an IPv6 address");
		return LT_OK;
	}
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	a4->sin_family = AF_INET;
	a4->sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, strcmp(host, "localhost") ? host : "127.0.0.1", &a4->sin_addr) != 1)
		return lt_problem_field(p, "listen", "not an IPv4 address");
	return LT_OK;
}

lt_err lt_server_run(struct lt_instance *inst, const struct lt_server_opts *o, struct lt_problem *p)
{
	struct sockaddr_storage addr;
	lt_err rc = parse_listen(o->listen, &addr, p);
	if (rc)
		return rc;
	struct server srv;
	memset(&srv, 0, sizeof(srv));
	srv.inst = inst;
	srv.opts = o;
	pthread_mutex_init(&srv.lock, NULL);
	unsigned threads = o->threads;
	if (!threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 2 ? (unsigned)n : 2;
	}
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	stop_requested = 0;

	lt_store_queue_writers(true);
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	/* libmicrohttpd wants its logger first, so that it can report the rest. */
	srv.daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, &srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)1000, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)200,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
		MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
	if (!srv.daemon) {
		pthread_mutex_destroy(&srv.lock);
		return lt_problem_set(p, LT_ERR_IO, "cannot listen on %s: %s", o->listen,
				      strerror(errno ? errno : EADDRINUSE));
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv.daemon, MHD_DAEMON_INFO_BIND_PORT);
	lt_log(LT_LOG_INFO, "listening",
	       json_pack("{s:s, s:i, s:i}", "listen", o->listen, "port", info ? (int)info->port : -1,
			 "threads", (int)threads));
	if (o->on_listening)
		o->on_listening(o->on_listening_arg);

	while (!stop_requested) {
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	lt_log(LT_LOG_INFO, "stopping", json_pack("{s:i}", "in_flight", atomic_load(&srv.in_flight)));
	/* Stop accepting, let the requests in flight finish, then close. */
	MHD_socket listen_fd = MHD_quiesce_daemon(srv.daemon);
	if (listen_fd != MHD_INVALID_SOCKET)
		close(listen_fd);
	int64_t deadline = lt_mono_ms() + o->drain_seconds * 1000;
	while (atomic_load(&srv.in_flight) > 0 && lt_mono_ms() < deadline) {
		struct timespec ts = {0, 20 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(srv.daemon);
	for (size_t i = 0; i < srv.nstores; i++)
		lt_store_free(srv.stores[i]);
	pthread_mutex_destroy(&srv.lock);
	lt_log(LT_LOG_INFO, "stopped", NULL);
	return LT_OK;
}
