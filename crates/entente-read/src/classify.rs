//! Line classifiers shared by the text and HTML front ends: boilerplate, captions, bios.
