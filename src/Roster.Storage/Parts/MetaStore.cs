using Roster.Domain.Abstractions;

namespace Roster.Storage;

/// <summary>Small key/value facts (signing keys, the cookie key ring, the primary account).</summary>
internal sealed class MetaStore(SqlRunner db) : IMetaStore
{
    public Task<string?> GetMetaAsync(string key) => db.One<string?>("SELECT value FROM meta WHERE key = @key", new { key });

    public Task SetMetaAsync(string key, string value)
        => db.Exec("INSERT INTO meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new { key, value });
}
