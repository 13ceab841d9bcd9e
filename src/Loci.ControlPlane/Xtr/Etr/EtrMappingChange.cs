using Loci.Prefixes;
using Loci.Wire;

namespace Loci.ControlPlane.Xtr;

/// <summary>A database change queued by any thread and applied on the role thread (single writer, DESIGN.md §4).</summary>
internal sealed record EtrMappingChange(EtrMappingChangeKind Kind, EidPrefix Prefix, EtrPrefixOptions? Entry = null, LocatorRecord[]? Locators = null);
