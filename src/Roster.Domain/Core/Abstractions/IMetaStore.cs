namespace Roster.Domain.Abstractions;

/// <summary>Small key/value facts (signing keys, the cookie key ring, the primary account).</summary>
public interface IMetaStore
{
    Task<string?> GetMetaAsync(string key);
    Task SetMetaAsync(string key, string value);
}
