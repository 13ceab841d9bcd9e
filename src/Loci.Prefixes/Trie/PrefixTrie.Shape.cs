using System.Runtime.CompilerServices;

namespace Loci.Prefixes.Trie;

/// <summary>Shape statistics (seed 002 Fig. 5) and a memory estimate.</summary>
internal static partial class PrefixTrie<TValue>
{
    // 64-bit CoreCLR layout: object header + method table pointer; arrays add a length word.
    private const int ObjectHeader = 16;
    private const int ArrayHeader = 24;

    // Fields of TrieNode: 512 + 2 x 256 bits of bitmaps and four references.
    private const int NodeBytes = ObjectHeader + 64 + 32 + 32 + (4 * 8);

    public static TableShape Shape(TrieNode<TValue> root)
    {
        if (root.IsEmpty)
        {
            return default;
        }

        long prefixes = 0, nodes = 0, leaves = 0, depthSum = 0, bytes = 0;
        var maxDepth = 0;
        var stack = new Stack<(TrieNode<TValue> Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            nodes++;
            bytes += NodeBytes + ArrayBytes(node.Values) + ArrayBytes(node.Children) + ArrayBytes(node.Leaves);
            prefixes += node.Values.Length + node.Leaves.Length;
            depthSum += ((long)node.Values.Length * depth) + ((long)node.Leaves.Length * (depth + 1));
            leaves += node.Leaves.Length;
            if (node.Values.Length > 0)
            {
                maxDepth = Math.Max(maxDepth, depth);
            }

            if (node.Leaves.Length > 0)
            {
                maxDepth = Math.Max(maxDepth, depth + 1);
            }

            foreach (var child in node.Children)
            {
                stack.Push((child, depth + 1));
            }
        }

        var valueBytes = prefixes * Unsafe.SizeOf<TValue>();
        return new TableShape(prefixes, nodes, leaves, prefixes == 0 ? 0 : (double)depthSum / prefixes, maxDepth, bytes, valueBytes);
    }

    private static long ArrayBytes<T>(T[] array) =>
        array.Length == 0 ? 0 : (ArrayHeader + ((long)array.Length * Unsafe.SizeOf<T>()) + 7) & ~7L;
}
