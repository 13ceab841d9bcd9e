namespace Loci.Tests.Oracle;

/// <summary>What an external decoder printed and how it exited.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
