namespace MusicGen.Engine.Tests.Midi;

/// <summary>A small Standard MIDI File reader: enough to check what the writer wrote (notes, metas, programs, channels).</summary>
internal sealed class SmfReader
{
    public int Format { get; private init; }
    public int Division { get; private init; }
    public List<SmfTrack> Tracks { get; } = [];

    public static SmfReader Read(byte[] data)
    {
        var position = 0;
        Expect(data, ref position, "MThd");
        var headerLength = ReadInt(data, ref position, 4);
        var format = ReadInt(data, ref position, 2);
        var count = ReadInt(data, ref position, 2);
        var division = ReadInt(data, ref position, 2);
        position += headerLength - 6;
        var file = new SmfReader { Format = format, Division = division };
        for (var t = 0; t < count; t++)
        {
            Expect(data, ref position, "MTrk");
            var length = ReadInt(data, ref position, 4);
            file.Tracks.Add(ReadTrack(data, position, position + length));
            position += length;
        }

        if (position != data.Length)
        {
            throw new InvalidDataException($"{data.Length - position} trailing bytes after the last track.");
        }

        return file;
    }

    private static SmfTrack ReadTrack(byte[] data, int position, int end)
    {
        var track = new SmfTrack();
        long tick = 0;
        byte status = 0;
        var open = new Dictionary<(int Channel, int Pitch), Queue<(long Tick, int Velocity)>>();
        while (position < end)
        {
            tick += ReadVariableLength(data, ref position);
            var first = data[position];
            if (first >= 0x80)
            {
                status = first;
                position++;
            }

            if (status == 0xFF)
            {
                var type = data[position++];
                var length = (int)ReadVariableLength(data, ref position);
                var payload = data[position..(position + length)];
                position += length;
                track.Metas.Add(new SmfMeta(tick, type, payload));
                if (type == 0x2F)
                {
                    track.EndTick = tick;
                    if (position != end)
                    {
                        throw new InvalidDataException("End of track before the chunk's end.");
                    }
                }

                continue;
            }

            var kind = status & 0xF0;
            var channel = status & 0x0F;
            switch (kind)
            {
                case 0x90 or 0x80:
                {
                    var pitch = data[position++];
                    var velocity = data[position++];
                    var key = (channel, (int)pitch);
                    if (kind == 0x90 && velocity > 0)
                    {
                        if (!open.TryGetValue(key, out var queue))
                        {
                            queue = new Queue<(long, int)>();
                            open[key] = queue;
                        }

                        queue.Enqueue((tick, velocity));
                    }
                    else
                    {
                        var (on, onVelocity) = open[key].Dequeue();
                        track.Notes.Add(new SmfNote(channel, on, tick - on, pitch, onVelocity));
                    }

                    break;
                }

                case 0xC0:
                    track.Programs.Add((channel, data[position++]));
                    break;
                case 0xD0:
                    position++;
                    break;
                case 0xE0:
                    track.PitchBends.Add((tick, data[position] | (data[position + 1] << 7)));
                    position += 2;
                    break;
                case 0xB0:
                    track.Controllers.Add((tick, data[position], data[position + 1]));
                    position += 2;
                    break;
                default:
                    position += 2;
                    break;
            }
        }

        if (open.Values.Any(q => q.Count > 0))
        {
            throw new InvalidDataException("A note was never released.");
        }

        return track;
    }

    private static void Expect(byte[] data, ref int position, string tag)
    {
        var text = System.Text.Encoding.ASCII.GetString(data, position, 4);
        if (text != tag)
        {
            throw new InvalidDataException($"Expected {tag}, found {text}.");
        }

        position += 4;
    }

    private static int ReadInt(byte[] data, ref int position, int bytes)
    {
        var value = 0;
        for (var i = 0; i < bytes; i++)
        {
            value = (value << 8) | data[position++];
        }

        return value;
    }

    private static long ReadVariableLength(byte[] data, ref int position)
    {
        long value = 0;
        for (var i = 0; i < 4; i++)
        {
            var b = data[position++];
            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("Variable-length quantity longer than 4 bytes.");
    }
}

internal sealed class SmfTrack
{
    public List<SmfNote> Notes { get; } = [];
    public List<SmfMeta> Metas { get; } = [];
    public List<(int Channel, int Program)> Programs { get; } = [];
    public List<(long Tick, int Value)> PitchBends { get; } = [];
    public List<(long Tick, int Controller, int Value)> Controllers { get; } = [];
    public long EndTick { get; set; } = -1;

    public string? Name => Metas.FirstOrDefault(m => m.Type == 0x03)?.Text;
}

internal sealed record SmfNote(int Channel, long Tick, long Length, int Pitch, int Velocity);

internal sealed record SmfMeta(long Tick, int Type, byte[] Data)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Data);
}
