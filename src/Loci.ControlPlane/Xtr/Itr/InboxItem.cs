using Loci.Prefixes;

namespace Loci.ControlPlane.Xtr;

/// <summary>
/// A resolution asked for from another thread, applied on the role thread. Without a waiter it comes
/// from a lookup miss ("resolve if still needed"); with one, from ResolveAsync ("ask now").
/// </summary>
internal readonly record struct InboxItem(EidPrefix Eid, TaskCompletionSource<ItrResolution>? Waiter);
