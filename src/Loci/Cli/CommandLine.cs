using System.Reflection;

namespace Loci.Cli;

/// <summary>
/// The `loci` command table. Each subcommand is a static entry point taking its own arguments and
/// the output writers, so tests run commands in-process exactly as the executable does.
/// </summary>
internal static class CommandLine
{
    public delegate int Command(string[] args, TextWriter stdout, TextWriter stderr);

    private static readonly (string Name, string Summary, Command Run)[] Commands =
    [
        ("demo", "start a whole LISP network on loopback, register, resolve, print (--keep-running, --log-level)", Demo.DemoCommand.Run),
        ("show", "read a running node: sites, registrations, delegations, referrals, pending, stats, map-cache, database, etr, runtime", Api.ShowCommand.Run),
        ("run", "run a node: map-server, DDT node, map-resolver, xTR from a JSON config (--log-level)", Node.RunCommand.Run),
        ("decode", "decode LISP messages from hex, a raw file or a pcap/pcapng capture", Decode.DecodeCommand.Run),
        ("bench", "whole-program benchmarks: lpm, lpm-shape", BenchCommand.Run),
        ("lig", "send an ECM Map-Request to a map-resolver and print the mapping (EID --mr ADDRESS)", Diagnostics.LigCommand.Run),
        ("map-cache", "ask a running node's ITR to resolve an EID (resolve EID)", Api.XtrCommands.MapCache),
        ("database", "change a local mapping at a running node's ETR (set PREFIX RLOC...)", Api.XtrCommands.Database),
        ("rig", "walk the DDT referrals for an EID and print each hop (EID --ddt ADDRESS)", Diagnostics.RigCommand.Run),
    ];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(stdout);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        if (args[0] is "--version" or "version")
        {
            stdout.WriteLine($"loci {typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0"}");
            return ExitCodes.Ok;
        }

        foreach (var (name, _, run) in Commands)
        {
            if (args[0] == name)
            {
                return run(args[1..], stdout, stderr);
            }
        }

        stderr.WriteLine($"loci: unknown command '{args[0]}'. Run 'loci --help' for the list.");
        return ExitCodes.Usage;
    }

    private static void PrintUsage(TextWriter stdout)
    {
        stdout.WriteLine("loci: a LISP (RFC 9300/9301) control plane and mapping system.");
        stdout.WriteLine();
        stdout.WriteLine("usage: loci <command> [options]   (loci <command> --help for details)");
        stdout.WriteLine();
        foreach (var (name, summary, _) in Commands)
        {
            stdout.WriteLine($"  {name,-10} {summary}");
        }
    }
}
