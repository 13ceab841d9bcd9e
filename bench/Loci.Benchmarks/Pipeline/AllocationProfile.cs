using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Loci.Benchmarks.Pipeline;

/// <summary>
/// <c>--alloc-profile [filter]</c>: a quick allocation profile of the benchmarks outside
/// BenchmarkDotNet. For each benchmark (each [Params] value, its [GlobalSetup]), after a warm-up it
/// counts the bytes the thread allocates over 200 invocations (<see cref="GC.GetAllocatedBytesForCurrentThread"/>)
/// and, from the runtime's allocation-tick events (one per ~100 KB allocated, with the type of the
/// object that crossed the mark), which types make up those bytes. Reflection drives the same
/// attributes BenchmarkDotNet reads; no measurement here is a benchmark figure.
/// </summary>
internal static class AllocationProfile
{
    private const int Warmup = 100;
    private const int Invocations = 200;

    public static int Run(string[] args)
    {
        var filter = args.Length > 0 ? args[0] : "Pipeline";
        var types = typeof(AllocationProfile).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .Where(t => t.FullName!.Contains(filter, StringComparison.OrdinalIgnoreCase) || t.GetMethods().Any(m => $"{t.Name}.{m.Name}".Contains(filter, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        using var listener = new AllocationTickListener();
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                if (!$"{type.FullName}.{method.Name}".Contains(filter, StringComparison.OrdinalIgnoreCase) && !type.FullName!.Contains(filter, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var parameters in ParamsOf(type))
                {
                    Profile(type, method, parameters, listener);
                }
            }
        }

        return 0;
    }

    private static void Profile(Type type, MethodInfo method, (PropertyInfo Property, object Value)? parameter, AllocationTickListener listener)
    {
        var instance = Activator.CreateInstance(type)!;
        parameter?.Property.SetValue(instance, parameter.Value.Value);
        var setup = type.GetMethods().FirstOrDefault(m => m.GetCustomAttribute<GlobalSetupAttribute>() is { } a && a.Targets.Contains(method.Name))
            ?? type.GetMethods().FirstOrDefault(m => m.GetCustomAttribute<GlobalSetupAttribute>() is { Targets.Length: 0 });
        setup?.Invoke(instance, null);
        var operations = method.GetCustomAttribute<BenchmarkAttribute>()!.OperationsPerInvoke;
        Func<long> run = method.ReturnType == typeof(int) ? Widen(method.CreateDelegate<Func<int>>(instance)) : method.CreateDelegate<Func<long>>(instance);
        for (var i = 0; i < Warmup; i++)
        {
            run();
        }

        listener.Start();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Invocations; i++)
        {
            run();
        }

        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var ticks = listener.Stop();
        var ops = (double)Invocations * operations;
        var name = $"{type.Name}.{method.Name}" + (parameter is { } p ? $"({p.Property.Name}={p.Value})" : "");
        Console.WriteLine($"{name}: {allocated / ops:F1} B/op, {clock.Elapsed.TotalNanoseconds / ops:F0} ns/op (Stopwatch, {ops:N0} ops)");
        var total = ticks.Values.Sum();
        foreach (var (typeName, bytes) in ticks.OrderByDescending(kv => kv.Value).Take(12))
        {
            Console.WriteLine($"    {bytes * 100.0 / total,5:F1} %  ~{allocated * ((double)bytes / total) / ops,7:F1} B/op  {typeName}");
        }

        (instance as IDisposable)?.Dispose();
        type.GetMethods().FirstOrDefault(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null)?.Invoke(instance, null);
    }

    private static Func<long> Widen(Func<int> run) => () => run();

    private static IEnumerable<(PropertyInfo Property, object Value)?> ParamsOf(Type type)
    {
        var property = type.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<ParamsAttribute>() is not null);
        if (property is null)
        {
            yield return null;
            yield break;
        }

        foreach (var value in property.GetCustomAttribute<ParamsAttribute>()!.Values)
        {
            yield return (property, value!);
        }
    }

    /// <summary>GCAllocationTick events (keyword GC, verbose): sampled allocated bytes by type.</summary>
    private sealed class AllocationTickListener : EventListener
    {
        private readonly ConcurrentDictionary<string, long> _bytes = new();
        private volatile bool _recording;

        public void Start()
        {
            _bytes.Clear();
            _recording = true;
        }

        public Dictionary<string, long> Stop()
        {
            _recording = false;
            return new Dictionary<string, long>(_bytes);
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
            {
                return;
            }

            var typeName = eventData.Payload![eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
            var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
            _bytes.AddOrUpdate(typeName, amount, (_, sum) => sum + amount);
        }
    }
}
