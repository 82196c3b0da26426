// Sample placeholder: written with the pipelines issue.
Console.WriteLine("RagVsLongContext sample: not yet implemented");
return 0;
