package io.berth.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API package stands on its own: no public or protected signature of {@code io.berth.ports} names a type of
 * {@code io.berth.ports.internal}, so a server that adopts the API never has to touch the internals.
 */
class ApiSurfaceTest {

    private static final String INTERNAL = "io.berth.ports.internal.";

    @Test
    void noApiSignatureNamesAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> api = apiClasses();
        assertTrue(api.size() > 20, "the API classes were found: " + api);
        for (Class<?> type : api) {
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    check(type + "." + field.getName(), field.getGenericType(), leaks);
                }
            }
            List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
            executables.addAll(List.<Constructor<?>>of(type.getDeclaredConstructors()));
            for (Executable executable : executables) {
                if (!visible(executable.getModifiers()) || executable.isSynthetic()) {
                    continue;
                }
                String where = type.getSimpleName() + "." + executable.getName();
                if (executable instanceof Method method) {
                    check(where, method.getGenericReturnType(), leaks);
                }
                for (Type parameter : executable.getGenericParameterTypes()) {
                    check(where, parameter, leaks);
                }
                for (Type thrown : executable.getGenericExceptionTypes()) {
                    check(where, thrown, leaks);
                }
            }
            if (type.getSuperclass() != null) {
                check(type + " extends", type.getSuperclass(), leaks);
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(String where, Type type, List<String> leaks) {
        if (type.getTypeName().contains(INTERNAL)) {
            leaks.add(where + ": " + type.getTypeName());
        }
    }

    /** Every class compiled into the API package, nested ones too. */
    private static List<Class<?>> apiClasses() throws URISyntaxException, Exception {
        Path dir = Path.of(PortPlan.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("io/berth/ports");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                if (!name.equals("package-info")) {
                    classes.add(Class.forName("io.berth.ports." + name));
                }
            }
        }
        return classes;
    }
}
