using System.Net;
using System.Net.Sockets;

namespace Roster.Server.Tests;

/// <summary>A loopback port nobody listens on at the moment (for a server the test starts, or one that must not answer).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
