using System.Net;
using System.Net.Sockets;

namespace Blog.Tests.Infrastructure;

public static class Ports
{
    /// <summary>A loopback port nothing listens on: a database server that is not there.</summary>
    public static int Closed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
