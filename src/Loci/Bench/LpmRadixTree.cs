namespace Loci.Bench;

/// <summary>
/// A binary path-compressed radix (Patricia) tree of IPv4 prefixes, the structure seed 002's
/// OpenLISP map-tables use (BSD radix, ref. [11] there). Built only to report the shape the seed
/// plotted in Fig. 5 next to Loci's multibit trie: its node count is the prefixes plus the
/// branching nodes, as the seed explains.
/// </summary>
internal sealed class LpmRadixTree
{
    private Node? _root;

    public void Insert(uint key, int length)
    {
        var fresh = new Node(key, length, isPrefix: true);
        ref var slot = ref _root;
        while (true)
        {
            var current = slot;
            if (current is null)
            {
                slot = fresh;
                return;
            }

            var common = Math.Min(Math.Min(Lcp(current.Key, key), current.Length), length);
            if (common < current.Length)
            {
                // The new prefix diverges above `current`: it becomes its parent, or both hang
                // under a new branching node at the divergence.
                if (common == length)
                {
                    fresh.SetChild(Bit(current.Key, length), current);
                    slot = fresh;
                }
                else
                {
                    var branch = new Node(Mask(key, common), common, isPrefix: false);
                    branch.SetChild(Bit(current.Key, common), current);
                    branch.SetChild(Bit(key, common), fresh);
                    slot = branch;
                }

                return;
            }

            if (current.Length == length)
            {
                current.IsPrefix = true;
                return;
            }

            slot = ref Bit(key, current.Length) == 0 ? ref current.Left : ref current.Right;
        }
    }

    /// <summary>Node count, and the average and maximum depth (nodes from the root, inclusive) of the prefix nodes.</summary>
    public (int Nodes, double AverageDepth, int MaxDepth) Shape()
    {
        int nodes = 0, prefixes = 0, maxDepth = 0;
        long depthSum = 0;
        var stack = new Stack<(Node Node, int Depth)>();
        if (_root is not null)
        {
            stack.Push((_root, 1));
        }

        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            nodes++;
            if (node.IsPrefix)
            {
                prefixes++;
                depthSum += depth;
                maxDepth = Math.Max(maxDepth, depth);
            }

            if (node.Left is not null)
            {
                stack.Push((node.Left, depth + 1));
            }

            if (node.Right is not null)
            {
                stack.Push((node.Right, depth + 1));
            }
        }

        return (nodes, prefixes == 0 ? 0 : (double)depthSum / prefixes, maxDepth);
    }

    private static int Lcp(uint a, uint b) => System.Numerics.BitOperations.LeadingZeroCount(a ^ b);

    private static int Bit(uint key, int position) => (int)((key >> (31 - position)) & 1);

    private static uint Mask(uint key, int length) => length == 0 ? 0 : key & (uint.MaxValue << (32 - length));

    private sealed class Node(uint key, int length, bool isPrefix)
    {
        public Node? Left;
        public Node? Right;

        public uint Key { get; } = key;

        public int Length { get; } = length;

        public bool IsPrefix { get; set; } = isPrefix;

        public void SetChild(int bit, Node child)
        {
            if (bit == 0)
            {
                Left = child;
            }
            else
            {
                Right = child;
            }
        }
    }
}
