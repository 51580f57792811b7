using System;
using CoProduction.Persistence;

namespace CoProduction.DependencyInjection;

/// <summary>One app change to the event registry (<c>builder.ConfigureEvents(...)</c>), applied when the serializer is built.</summary>
internal sealed record EventRegistryConfiguration(Action<EventTypeRegistry> Configure);
