using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MusicGen.Core.Data;

public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
