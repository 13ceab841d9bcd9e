namespace Loci.Decode;

/// <summary>The `loci decode --help` text.</summary>
internal static class DecodeUsage
{
    public const string Text = """
        usage: loci decode [options] INPUT...

        Decode LISP control messages (RFC 9301, RFC 8111, RFC 9304, NAT-traversal Info) and
        data-plane headers (RFC 9300), in the spirit of the Wireshark LISP dissector.

        INPUT:
          HEX            one message as hex digits; spaces, colons and a leading 0x allowed
                         ("loci decode 30:00:01:02 ..." or several arguments joined)
          FILE           a pcap or pcapng capture, recognised by its magic number: every UDP
                         datagram on port 4342 (control) or 4341 (data) is decoded; link types
                         Ethernet (802.1Q tags), Linux cooked SLL/SLL2, raw IP, BSD loopback.
                         Any other file holds one message, as raw bytes or as hex text.
          -              the same, read from standard input

        options:
          --hex STR      decode STR as hex digits
          --raw FILE     decode FILE (- for standard input) as one raw message
          --data         hex and raw input hold a data-plane packet (UDP 4341 payload)
          -v, --verbose  every field as an indented tree (tcpdump -v / Wireshark style)
          --json         one JSON object per line per message; captures add packet, time,
                         src, dst, src_port, dst_port; malformed messages carry error {code,
                         offset, reason}
          -h, --help     this text

        Capture lines read: PACKET TIME(UTC) SRC:PORT > DST:PORT: MESSAGE.

        exit status: 0 every message decoded; 1 a message was malformed or the capture is
        damaged; 2 bad command line; 3 an input could not be read.
        """;
}
