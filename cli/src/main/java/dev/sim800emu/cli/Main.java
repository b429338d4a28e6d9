package dev.sim800emu.cli; public class Main { public static void main(String[] a){} }
