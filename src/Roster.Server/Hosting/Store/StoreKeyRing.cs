using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;

namespace Roster.Server.Hosting;

/// <summary>
/// ASP.NET Core's data-protection key ring (antiforgery tokens, and later session cookies) kept in the store, so
/// that every node sharing a store accepts what another node issued, and the keys live and die with the store.
/// The ring is one XML document in <c>meta</c>, sealed like the signing key when a key-encryption key is set.
/// </summary>
public sealed class StoreKeyRing(IRosterStore store, SecretBox secrets) : IXmlRepository
{
    const string Meta = Domain.Sandbox.SandboxService.DataProtectionMeta;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var stored = store.ReadAsync(s => s.GetMetaAsync(Meta)).GetAwaiter().GetResult();
        return stored is null ? [] : XElement.Parse(secrets.Open(stored)).Elements().ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
        => store.WriteAsync(async s =>
        {
            // Read and extend in one write transaction: two nodes adding keys at once both keep theirs.
            var stored = await s.GetMetaHeldAsync(Meta);
            var ring = stored is null ? new XElement("keys") : XElement.Parse(secrets.Open(stored));
            ring.Add(new XElement(element));
            await s.SetMetaAsync(Meta, secrets.Seal(ring.ToString(SaveOptions.DisableFormatting)));
            return true;
        }).GetAwaiter().GetResult();
}
