namespace Loci.ControlPlane.Xtr;

internal enum EtrMappingChangeKind
{
    /// <summary>New locator set for a prefix already in the database.</summary>
    UpdateLocators,

    /// <summary>Add a prefix, or replace its whole entry.</summary>
    Set,

    Remove,
}
