using System.Globalization;
using System.Net;
using Loci.Config;
using Loci.Transport;

namespace Loci.Diagnostics;

/// <summary>The shared command line of <c>loci lig</c> and <c>loci rig</c>: EID, server, port, timeout, count, hops.</summary>
internal sealed record ProbeArguments(IPAddress Eid, IPEndPoint Server, TimeSpan Timeout, int Count, int MaxHops)
{
    public static bool TryParse(string[] args, string serverFlag, out ProbeArguments parsed, out string error)
    {
        parsed = null!;
        error = string.Empty;
        IPAddress? eid = null;
        string? server = null;
        int? port = null;
        var timeout = TimeSpan.FromSeconds(2);
        var count = 1;
        var hops = 10;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    error = $"{arg} needs a value";
                    return false;
                }

                var value = args[++i];
                switch (arg)
                {
                    case var _ when arg == serverFlag:
                        server = value;
                        break;
                    case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= ushort.MaxValue:
                        port = p;
                        break;
                    case "--timeout" when DurationText.TryParse(value, out var t) && t > TimeSpan.Zero:
                        timeout = t;
                        break;
                    case "--count" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is > 0 and <= 1000:
                        count = c;
                        break;
                    case "--hops" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is > 0 and <= 64:
                        hops = h;
                        break;
                    case "--port" or "--timeout" or "--count" or "--hops":
                        error = $"bad value '{value}' for {arg}";
                        return false;
                    default:
                        error = $"unknown option {arg}";
                        return false;
                }
            }
            else if (eid is null)
            {
                if (!IPAddress.TryParse(arg, out eid))
                {
                    error = $"'{arg}' is not an IPv4 or IPv6 EID";
                    return false;
                }
            }
            else
            {
                error = $"unexpected argument '{arg}'";
                return false;
            }
        }

        if (eid is null)
        {
            error = "missing EID";
            return false;
        }

        if (server is null)
        {
            error = $"missing {serverFlag} ADDRESS";
            return false;
        }

        if (!EndpointText.TryParse(server, port ?? UdpEndpointHost.DefaultPort, out var endpoint))
        {
            error = $"'{server}' is not an address (use 127.0.0.1, 127.0.0.1:4342, ::1 or [::1]:4342)";
            return false;
        }

        if (port is { } explicitPort)
        {
            endpoint = new IPEndPoint(endpoint.Address, explicitPort);
        }

        parsed = new ProbeArguments(eid, endpoint, timeout, count, hops);
        return true;
    }
}
