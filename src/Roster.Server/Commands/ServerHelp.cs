
namespace Roster.Server.Hosting;

/// <summary>What <c>roster-server --help</c> prints: the commands, the options and the settings that matter first.</summary>
public static class ServerHelp
{
    public const string Text = """
        roster-server: Zoom's Users API, self-hosted (https://… /v2, OAuth at /oauth/token)

        Usage:
          roster-server [options]                 serve (the default)
          roster-server migrate [options]         apply the store's schema and exit (also: --migrate-only)
          roster-server seed --users N [options]  add N users to the primary account and exit
                                                  (--domain seed.example.com, --start 1)
          roster-server credentials [options]     show the ids of the store's primary app and where its secret is
          roster-server credentials --rotate      give that app a new secret (printed once; the old one stops working)
          roster-server --help                    this text

        Options:
          --data DIR        the data folder: SQLite store and credentials.json (default ./data; ROSTER_DATA)
          --store CONN      keep the state in PostgreSQL instead (Npgsql connection string; ROSTER_STORE)
          --urls URLS       where to listen (default http://localhost:5080)
          --seed FILE       load a seed file (YAML or JSON) on the store's first start (ROSTER_SEED);
                            a reset goes back to the seeded state. Example: examples/seed.yaml

        Settings (environment variables or appsettings.json):
          ROSTER_ACCOUNT_ID, ROSTER_CLIENT_ID, ROSTER_CLIENT_SECRET   credentials of the first start
          ROSTER_OWNER_PASSWORD        the owner's password at the first start (sign in on the consent page)
          ROSTER_KEY_ENCRYPTION_KEY    base64 of 32 bytes: seals the signing key in the store
          ROSTER_AUTO_MIGRATE=false    PostgreSQL nodes check the schema instead of applying it
          RateLimits__Mode=off         Zoom's rate limits off (RateLimits__Factor=10 scales them)
          Telemetry__OtlpEndpoint      export metrics and traces over OTLP
          Metrics__Prometheus=true     a Prometheus scrape endpoint at /metrics, for loopback only
                                       (or for Metrics__Key from anywhere; docs/operations.md)
          ROSTER_ADMIN_KEY             the sandbox admin key (else made at the first start)
          ROSTER_SANDBOX=off           no sandbox controls, fault rules or request journal (a real directory)
        """;
}
