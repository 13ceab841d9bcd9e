using Loci.ControlPlane.Ddt;
using Loci.ControlPlane.Tests.Support;
using Loci.Prefixes;
using Microsoft.Extensions.Logging;
using static Loci.ControlPlane.Tests.MapResolver.DdtMessages;

namespace Loci.ControlPlane.Tests.Logging;

public class DdtNodeLoggingTests
{
    [Fact]
    public void Receive_GarbageAndQueries_DebugOnly()
    {
        var log = new CapturingLogger();
        var node = new DdtNode(new DdtNodeOptions { AuthoritativePrefixes = [EidPrefix.Parse("10.0.0.0/8")] }, new RecordingSender(), log);

        Deliver(node, [0x80], Itr);
        Deliver(node, ItrEcm(1, "10.1.0.7", ddtOriginated: false), Itr);
        Deliver(node, ItrEcm(2, "10.1.0.7", ddtOriginated: true), Itr);

        Assert.All(log.Entries, e => Assert.Equal(LogLevel.Debug, e.Level));
        Assert.Equal([400, 401, 402], log.Entries.Select(e => e.EventId));
        Assert.Contains("10.1.0.7/32", log.Entries[2].Message, StringComparison.Ordinal);
        Assert.Contains("DelegationHole 10.0.0.0/8", log.Entries[2].Message, StringComparison.Ordinal);
    }
}
